package io.wsconnector.cluster.redis;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import io.wsconnector.runtime.cluster.Cluster;
import io.wsconnector.runtime.cluster.ClusterNode;
import io.wsconnector.runtime.cluster.LocalSessions;

/**
 * Joins wsconnector servers into one cluster through Redis: broadcasts to an endpoint or a room, and sends
 * to a session id, reach the sessions on every node; presence lists the sessions of every node.
 *
 * <pre>{@code
 * RedisCluster cluster = RedisCluster.connect("redis://localhost:6379");
 * WebSocketServer server = WebSocketServer.builder().cluster(cluster).build().start();
 * }</pre>
 *
 * <p>Each node subscribes only to the channels of the endpoints and rooms it has sessions in, and its own;
 * on a Redis Cluster the channels are sharded ({@code SSUBSCRIBE}), so each message stays within the shard
 * that owns its channel. Redis pub/sub delivers at most once: {@link #stats()} counts what was published,
 * received, and missed. See the README's "Scaling out" for the semantics and the fault behaviour.
 *
 * <p>One instance serves one server: the server's {@code stop()} leaves the cluster and closes the
 * connections to Redis (presence queries fail from then on); {@link #close()} does it for a cluster whose
 * server never started.
 */
public final class RedisCluster implements Cluster, AutoCloseable {
    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9_]{1,32}");

    private final RedisDeployment redis;
    private final Channels names;
    private final String nodeId;
    private final Presence presence;
    private final Builder settings;
    private final Counters counters = new Counters();
    private RedisNode node;

    private RedisCluster(Builder builder, RedisDeployment redis) {
        this.redis = redis;
        this.settings = builder;
        this.names = new Channels(builder.name);
        this.nodeId = builder.nodeId;
        this.presence = new Presence(names, nodeId, builder.publishedAttributes,
                builder.heartbeat.toMillis() * TTL_HEARTBEATS);
    }

    /** How many heartbeats a node's presence outlives its last one. */
    static final int TTL_HEARTBEATS = 3;

    /**
     * Connects to Redis with the defaults (see {@link Builder}).
     *
     * @param uri {@code redis://host:port}, or {@code redis://user:password@host:port}; a Redis Cluster is
     *            recognized by itself (give any of its masters)
     * @return the cluster, to hand to {@code WebSocketServer.builder().cluster(...)}
     * @throws IllegalStateException if Redis cannot be reached within the time-out (2 s by default)
     */
    public static RedisCluster connect(String uri) {
        return builder(uri).connect();
    }

    /**
     * A builder, to change the defaults before connecting.
     *
     * @param uri the Redis URI, as for {@link #connect(String)}
     * @return the builder
     */
    public static Builder builder(String uri) {
        return new Builder(uri);
    }

    @Override
    public synchronized ClusterNode join(LocalSessions local) {
        if (node != null) {
            throw new IllegalStateException("This RedisCluster already serves a server: create one per server");
        }
        node = new RedisNode(nodeId, redis, names, presence, settings.queueCapacity, settings.heartbeat.toMillis(),
                Objects.requireNonNull(local, "local"), counters);
        node.start();
        return node;
    }

    /**
     * This node's id, which starts every session id of its server.
     *
     * @return the id
     */
    public String nodeId() {
        return nodeId;
    }

    /**
     * Whether Redis is a Redis Cluster, so that channels are sharded.
     *
     * @return {@code true} on a Redis Cluster
     */
    public boolean sharded() {
        return redis.sharded();
    }

    /**
     * The sessions of an endpoint on every live node: this node's as they are now, the other nodes' as
     * their last write to Redis left them (a moment behind). Reads Redis: two round trips (the nodes, then
     * their hashes in one pipeline), so call it where waiting a moment is fine (a handler, an HTTP route).
     *
     * @param path the endpoint's path as declared, e.g. {@code /chat/{room}}
     * @return the sessions, in no particular order
     * @throws redis.clients.jedis.exceptions.JedisException if Redis cannot be read
     */
    public List<PresentSession> sessions(String path) {
        return presence.read(redis, Objects.requireNonNull(path, "path"), null);
    }

    /**
     * The members of a room on every live node; reads Redis as {@link #sessions(String)} does.
     *
     * @param path the endpoint's path as declared
     * @param room the room's name
     * @return the members, in no particular order
     */
    public List<PresentSession> sessions(String path, String room) {
        return presence.read(redis, Objects.requireNonNull(path, "path"), Objects.requireNonNull(room, "room"));
    }

    /**
     * The ids of the nodes whose presence is live: up, and heard from within the time to live (three
     * heartbeats).
     *
     * @return the node ids
     */
    public Set<String> nodes() {
        return presence.nodes(redis);
    }

    /**
     * What this node has counted since it started.
     *
     * @return a snapshot of the counts
     */
    public synchronized RedisClusterStats stats() {
        return counters.snapshot(node == null ? 0 : node.subscriptions());
    }

    /**
     * Closes the connections to Redis, leaving the cluster if a server joined it; the server's
     * {@code stop()} does the same.
     */
    @Override
    public synchronized void close() {
        if (node != null) {
            node.leave();
        } else {
            redis.close();
        }
    }

    /**
     * Configures a {@link RedisCluster}. The defaults: name {@code wsc}, a random node id, no published
     * attribute, a heartbeat every second (so a dead node drops out of presence within 3 s), 65,536 queued
     * messages at most, a 2 s time-out on Redis.
     */
    public static final class Builder {
        private final URI uri;
        private String name = "wsc";
        private String nodeId = randomNodeId();
        private final Set<String> publishedAttributes = new LinkedHashSet<>();
        private Duration heartbeat = Duration.ofSeconds(1);
        private int queueCapacity = 65536;
        private Duration timeout = Duration.ofSeconds(2);

        private Builder(String uri) {
            this.uri = URI.create(Objects.requireNonNull(uri, "uri"));
        }

        /**
         * The cluster's name, which starts every channel and key, so that several applications can share a
         * Redis; {@code wsc} by default. The nodes of one cluster use the same name.
         *
         * @param name the name
         * @return this builder
         */
        public Builder name(String name) {
            if (Objects.requireNonNull(name, "name").isEmpty()) {
                throw new IllegalArgumentException("The cluster name must not be empty");
            }
            this.name = name;
            return this;
        }

        /**
         * This node's id, unique among the nodes that are up; random (8 letters and digits) by default.
         *
         * @param nodeId letters, digits and {@code _}, at most 32
         * @return this builder
         */
        public Builder nodeId(String nodeId) {
            if (!NODE_ID.matcher(Objects.requireNonNull(nodeId, "nodeId")).matches()) {
                throw new IllegalArgumentException("A node id has 1 to 32 letters, digits or '_', not " + nodeId);
            }
            this.nodeId = nodeId;
            return this;
        }

        /**
         * Session attributes that presence shows to every node ({@link PresentSession#attributes()}), as
         * text, e.g. {@code "nick"}; none by default.
         *
         * @param keys attribute keys
         * @return this builder
         */
        public Builder publishAttributes(String... keys) {
            for (String key : keys) {
                publishedAttributes.add(Objects.requireNonNull(key, "key"));
            }
            return this;
        }

        /**
         * How often the node refreshes its presence; a node that stops refreshing drops out after three
         * times this. One second by default.
         *
         * @param interval the interval, at least 100 ms
         * @return this builder
         */
        public Builder heartbeat(Duration interval) {
            if (interval.toMillis() < 100) {
                throw new IllegalArgumentException("The heartbeat must be at least 100 ms, not " + interval);
            }
            this.heartbeat = interval;
            return this;
        }

        /**
         * How many messages may wait to be published; one that finds the queue full is dropped and counted.
         * 65,536 by default.
         *
         * @param messages the capacity, at least 1
         * @return this builder
         */
        public Builder queueCapacity(int messages) {
            if (messages < 1) {
                throw new IllegalArgumentException("The queue capacity must be at least 1, not " + messages);
            }
            this.queueCapacity = messages;
            return this;
        }

        /**
         * How long to wait for Redis to accept a connection or answer a command; 2 s by default.
         *
         * @param timeout the time-out, positive
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("The time-out must be positive, not " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Connects to Redis and finds out whether it is a Redis Cluster.
         *
         * @return the cluster, to hand to {@code WebSocketServer.builder().cluster(...)}
         * @throws IllegalArgumentException if the URI is not a {@code redis://} URI
         * @throws IllegalStateException    if Redis cannot be reached within the time-out: the message says
         *                                  where and why
         */
        public RedisCluster connect() {
            return new RedisCluster(this, RedisDeployment.connect(uri, timeout, "wsconnector-" + nodeId));
        }

        private static String randomNodeId() {
            StringBuilder id = new StringBuilder(8);
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int i = 0; i < 8; i++) {
                id.append(Character.forDigit(random.nextInt(36), 36));
            }
            return id.toString();
        }
    }
}
