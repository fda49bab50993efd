package io.wsconnector.cluster.redis;

import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.runtime.cluster.ClusterMessage;
import io.wsconnector.runtime.cluster.ClusterNode;
import io.wsconnector.runtime.cluster.LocalSessions;
import io.wsconnector.runtime.cluster.Target;

/**
 * One server's node in a {@link RedisCluster}: turns what the runtime tells it into channel interests,
 * presence changes and queued messages, all without waiting for Redis; the writer and subscriber threads do
 * the rest.
 */
final class RedisNode implements ClusterNode {
    private final String nodeId;
    /** How this node's session ids start: its id and {@link #SESSION_ID_SEPARATOR}. */
    private final String sessionPrefix;
    private final Channels names;
    private final Outbox outbox;
    private final Interests interests;
    private final Subscriptions subscriptions;
    private final Presence presence;
    private final RedisWriter writer;
    private final RedisDeployment redis;
    private final Counters counters;
    private final AtomicBoolean left = new AtomicBoolean();

    RedisNode(String nodeId, RedisDeployment redis, Channels names, Presence presence, int queueCapacity,
              long heartbeatMillis, LocalSessions local, Counters counters) {
        this.nodeId = nodeId;
        this.redis = redis;
        this.names = names;
        this.presence = presence;
        this.counters = counters;
        this.sessionPrefix = nodeId + SESSION_ID_SEPARATOR;
        this.outbox = new Outbox(nodeId, names, queueCapacity, counters);
        this.interests = new Interests(outbox::wake);
        Inbound inbound = new Inbound(nodeId, interests, local, counters);
        this.subscriptions = new Subscriptions(redis, interests, inbound::receive, counters);
        this.writer = new RedisWriter(redis, outbox, presence, subscriptions, interests, counters, heartbeatMillis);
    }

    /** Subscribes to the node's own channel and starts writing; returns at once. */
    void start() {
        interests.add(names.node(nodeId), null); // never removed: messages to this node's sessions by id
        writer.start();
    }

    /** How many channels Redis has confirmed. */
    int subscriptions() {
        return subscriptions.count();
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public void publish(ClusterMessage message) {
        if (message.target() instanceof Target.Session session) {
            String node = nodeOf(session.sessionId());
            if (node != null && !node.equals(nodeId)) {
                outbox.postToNode(names.node(node), withoutExclusionOf(sessionPrefix, message));
            }
        } else {
            outbox.post(message.target(), withoutExclusionOf(sessionPrefix, message));
        }
    }

    /**
     * The message without its excluded session if that session is the publishing node's, as it always is for
     * "everyone but the sender": a session id starts with its node's id, so no other node has a session of that
     * id and the id would only add to every message's bytes in Redis.
     *
     * @param sessionPrefix how the publishing node's session ids start: its id and the separator
     */
    static ClusterMessage withoutExclusionOf(String sessionPrefix, ClusterMessage message) {
        String excluded = message.excludedSessionId();
        if (excluded == null || !excluded.startsWith(sessionPrefix)
                || excluded.indexOf(SESSION_ID_SEPARATOR, sessionPrefix.length()) >= 0) {
            return message; // none, or another node's session (nodeOf splits at the last separator)
        }
        return new ClusterMessage(message.target(), message.kind(), message.payload(), null);
    }

    @Override
    public void opened(WebSocketSession session) {
        String path = session.sessions().path();
        interests.add(names.of(new Target.Endpoint(path)), new Target.Endpoint(path));
        presence.opened(session);
        outbox.wake(); // presence is written in the writer's next batch
    }

    @Override
    public void joined(WebSocketSession session, String room) {
        Target.Room target = new Target.Room(session.sessions().path(), room);
        interests.add(names.of(target), target);
        presence.joined(session, room);
        outbox.wake();
    }

    @Override
    public void left(WebSocketSession session, String room) {
        interests.remove(names.of(new Target.Room(session.sessions().path(), room)));
        presence.left(session, room);
        outbox.wake();
    }

    @Override
    public void attributeChanged(WebSocketSession session, String key) {
        presence.attributeChanged(session, key);
        outbox.wake();
    }

    @Override
    public void closed(WebSocketSession session) {
        String path = session.sessions().path();
        Set<String> rooms = presence.closed(session);
        for (String room : rooms) {
            interests.remove(names.of(new Target.Room(path, room)));
        }
        interests.remove(names.of(new Target.Endpoint(path)));
        outbox.wake();
    }

    /** Publishes what is queued, removes this node's presence, and closes every connection to Redis. */
    @Override
    public void leave() {
        if (left.compareAndSet(false, true)) {
            writer.stop();
            subscriptions.stop();
            redis.close();
        }
    }

    Counters counters() {
        return counters;
    }

    /** The node a session id belongs to: the part before the last {@link #SESSION_ID_SEPARATOR}. */
    static String nodeOf(String sessionId) {
        int separator = sessionId.lastIndexOf(SESSION_ID_SEPARATOR);
        return separator <= 0 ? null : sessionId.substring(0, separator);
    }
}
