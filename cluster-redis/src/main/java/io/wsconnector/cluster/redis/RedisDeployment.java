package io.wsconnector.cluster.redis;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.ClusterPipeline;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The Redis a cluster runs on: one server, where channels are classic pub/sub, or a Redis Cluster, where
 * they are sharded pub/sub (Redis 7: {@code SPUBLISH}/{@code SSUBSCRIBE}), each channel served by the
 * master that owns its hash slot, so a message travels only within that shard.
 *
 * <p>Commands go through Jedis's pooled client ({@link #client()}, {@link #pipeline()}); each subscriber
 * has a connection of its own to one server ({@link #open}).
 */
final class RedisDeployment implements AutoCloseable {
    private static final int SLOTS = 16384;

    private final URI uri;
    private final HostAndPort seed;
    private final JedisClientConfig config;
    private final UnifiedJedis client;
    /** The master of each hash slot; {@code null} when Redis is not a cluster. */
    private volatile HostAndPort[] owners;

    private RedisDeployment(URI uri, HostAndPort seed, JedisClientConfig config, boolean cluster) {
        this.uri = uri;
        this.seed = seed;
        this.config = config;
        if (cluster) {
            this.owners = readSlots(seed, config);
            this.client = RedisClusterClient.builder().nodes(Set.of(seed)).clientConfig(config).build();
        } else {
            this.client = RedisClient.builder().hostAndPort(seed).clientConfig(config).build();
        }
    }

    /**
     * Reaches the Redis at the URI and finds out whether it is a cluster.
     *
     * @param uri     {@code redis://[user:password@]host[:port]}
     * @param timeout how long to wait to connect and for each reply
     * @param name    the client name Redis shows for the connections
     * @throws IllegalArgumentException if the URI is not a {@code redis://} URI
     * @throws IllegalStateException    if Redis cannot be reached or refuses the connection
     */
    static RedisDeployment connect(URI uri, Duration timeout, String name) {
        if (!"redis".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("A Redis URI looks like redis://host:6379 or redis://user:password@host:6379, not "
                    + uri);
        }
        HostAndPort seed = new HostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(millis)
                .socketTimeoutMillis(millis)
                .clientName(name)
                // RESP2: what Jedis's pub/sub loop reads; asking for negotiation only earns a warning per connection
                .autoNegotiateProtocol(false);
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            String user = colon < 0 ? "" : decode(userInfo.substring(0, colon));
            config.password(decode(colon < 0 ? userInfo : userInfo.substring(colon + 1)));
            if (!user.isEmpty()) {
                config.user(user);
            }
        }
        JedisClientConfig clientConfig = config.build();
        boolean cluster;
        try (Jedis jedis = new Jedis(seed, clientConfig)) {
            cluster = jedis.info("cluster").contains("cluster_enabled:1");
        } catch (JedisException e) {
            throw new IllegalStateException("Cannot reach Redis at " + redacted(uri) + " within " + millis + " ms: "
                    + e.getMessage() + ". Start Redis there or correct the URI; the server does not start without it.", e);
        }
        return new RedisDeployment(uri, seed, clientConfig, cluster);
    }

    /** Whether Redis is a cluster, so channels are sharded. */
    boolean sharded() {
        return owners != null;
    }

    /** The pooled client, for commands from any thread. */
    UnifiedJedis client() {
        return client;
    }

    /** A pipeline on the pooled client; closing it gives its connections back. */
    AbstractPipeline pipeline() {
        return client instanceof RedisClusterClient cluster ? cluster.pipelined() : ((RedisClient) client).pipelined();
    }

    /** Adds a publish of the message to the pipeline: {@code SPUBLISH} on a cluster, {@code PUBLISH} otherwise. */
    void publish(AbstractPipeline pipeline, byte[] channel, byte[] message) {
        if (pipeline instanceof ClusterPipeline cluster) {
            cluster.spublish(channel, message);
        } else {
            pipeline.publish(channel, message);
        }
    }

    /** The server that serves a channel: the one server, or the master of the channel's hash slot. */
    HostAndPort serverOf(String channel) {
        HostAndPort[] slots = owners;
        return slots == null ? seed : slots[JedisClusterCRC16.getSlot(channel)];
    }

    /** Reads again which master owns which slot, after the cluster said a slot moved. */
    void refreshSlots() {
        if (owners != null) {
            try {
                owners = readSlots(seed, config);
            } catch (JedisException e) {
                // the seed is down: keep the table; the next failure tries again
            }
        }
    }

    /** A new connection to one server, for a subscriber. */
    Connection open(HostAndPort server) {
        return new Connection(server, config);
    }

    /** The URI without its password, for messages. */
    String describe() {
        return redacted(uri);
    }

    @Override
    public void close() {
        client.close();
    }

    /** {@code CLUSTER SLOTS}: each entry is [first slot, last slot, [host, port, id], replicas...]. */
    private static HostAndPort[] readSlots(HostAndPort seed, JedisClientConfig config) {
        HostAndPort[] owners = new HostAndPort[SLOTS];
        try (Jedis jedis = new Jedis(seed, config)) {
            for (Object entry : jedis.clusterSlots()) {
                List<?> range = (List<?>) entry;
                List<?> master = (List<?>) range.get(2);
                String host = new String((byte[]) master.get(0), StandardCharsets.UTF_8);
                HostAndPort server = new HostAndPort(host.isEmpty() ? seed.getHost() : host,
                        ((Long) master.get(1)).intValue());
                for (int slot = ((Long) range.get(0)).intValue(); slot <= ((Long) range.get(1)).intValue(); slot++) {
                    owners[slot] = server;
                }
            }
        }
        return owners;
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    private static String redacted(URI uri) {
        return uri.getUserInfo() == null ? uri.toString() : uri.toString().replace(uri.getRawUserInfo() + "@", "***@");
    }
}
