package io.wsconnector.cluster.redis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import io.wsconnector.runtime.WebSocketSession;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;

/**
 * Who is connected where: each node keeps its sessions (endpoint, rooms, published attributes) in a Redis
 * hash of its own, which expires unless the node's heartbeat refreshes it, so a node that dies drops out
 * after the time to live; a set lists the nodes, for readers. Any node reads every live node's hash.
 *
 * <p>Changes are marked here by the threads that make them and written by the writer thread in its next
 * batch, the latest state of each changed session once. After Redis was unreachable (or lost the hash),
 * the whole hash is written again.
 */
final class Presence {
    /** The hash field that keeps a node's hash in existence while it has no session. */
    static final String NODE_FIELD = "@node";

    private final Channels names;
    private final String nodeId;
    private final Set<String> publishedKeys;
    private final long ttlMillis;
    private final ConcurrentHashMap<String, Entry> sessions = new ConcurrentHashMap<>();
    private final Set<String> changed = ConcurrentHashMap.newKeySet();
    private volatile boolean rewrite = true;
    private Response<Long> lastRefresh;

    /** A session as presence keeps it. */
    record Entry(String path, Set<String> rooms, Map<String, String> attributes) {
    }

    Presence(Channels names, String nodeId, Set<String> publishedKeys, long ttlMillis) {
        this.names = names;
        this.nodeId = nodeId;
        this.publishedKeys = Set.copyOf(publishedKeys);
        this.ttlMillis = ttlMillis;
    }

    void opened(WebSocketSession session) {
        Map<String, String> attributes = new HashMap<>();
        for (String key : publishedKeys) {
            Object value = session.attribute(key);
            if (value != null) {
                attributes.put(key, String.valueOf(value));
            }
        }
        sessions.put(session.id(), new Entry(session.sessions().path(), Set.of(), Map.copyOf(attributes)));
        changed.add(session.id());
    }

    void joined(WebSocketSession session, String room) {
        update(session.id(), entry -> {
            Set<String> rooms = new HashSet<>(entry.rooms());
            rooms.add(room);
            return new Entry(entry.path(), Set.copyOf(rooms), entry.attributes());
        });
    }

    void left(WebSocketSession session, String room) {
        update(session.id(), entry -> {
            Set<String> rooms = new HashSet<>(entry.rooms());
            rooms.remove(room);
            return new Entry(entry.path(), Set.copyOf(rooms), entry.attributes());
        });
    }

    void attributeChanged(WebSocketSession session, String key) {
        if (!publishedKeys.contains(key)) {
            return;
        }
        Object value = session.attribute(key);
        update(session.id(), entry -> {
            Map<String, String> attributes = new HashMap<>(entry.attributes());
            if (value == null) {
                attributes.remove(key);
            } else {
                attributes.put(key, String.valueOf(value));
            }
            return new Entry(entry.path(), entry.rooms(), Map.copyOf(attributes));
        });
    }

    /**
     * The session is gone.
     *
     * @return its rooms when it closed, or none if it was unknown
     */
    Set<String> closed(WebSocketSession session) {
        Entry entry = sessions.remove(session.id());
        changed.add(session.id());
        return entry == null ? Set.of() : entry.rooms();
    }

    /** The rooms a session of this node is in now. */
    Set<String> roomsOf(String sessionId) {
        Entry entry = sessions.get(sessionId);
        return entry == null ? Set.of() : entry.rooms();
    }

    private void update(String id, UnaryOperator<Entry> change) {
        if (sessions.computeIfPresent(id, (key, entry) -> change.apply(entry)) != null) {
            changed.add(id);
        }
    }

    /** Whether there is something to write before the next heartbeat. */
    boolean pending() {
        return rewrite || !changed.isEmpty();
    }

    /** After a failure: Redis may have lost anything written, so the next write is the whole hash. */
    void rewriteAll() {
        rewrite = true;
    }

    /**
     * Adds to the writer's pipeline what changed since the last write, and the heartbeat.
     *
     * @param heartbeat whether to refresh the time to live and the node's place in the node set
     */
    void write(AbstractPipeline pipeline, boolean heartbeat) {
        String key = names.presence(nodeId);
        if (rewrite) {
            rewrite = false;
            changed.clear();
            Map<String, String> all = new LinkedHashMap<>();
            all.put(NODE_FIELD, nodeId);
            sessions.forEach((id, entry) -> all.put(id, encode(entry)));
            pipeline.del(key);
            pipeline.hset(key, all);
            heartbeat = true;
        } else {
            for (String id : List.copyOf(changed)) {
                changed.remove(id);
                Entry entry = sessions.get(id);
                if (entry == null) {
                    pipeline.hdel(key, id);
                } else {
                    pipeline.hset(key, id, encode(entry));
                }
            }
        }
        if (heartbeat) {
            lastRefresh = pipeline.pexpire(key, ttlMillis);
            pipeline.sadd(names.nodes(), nodeId);
        }
    }

    /** After the pipeline ran: a refresh that found no hash (it expired) means writing it whole again. */
    void written() {
        if (lastRefresh != null && lastRefresh.get() == 0) {
            rewrite = true;
        }
        lastRefresh = null;
    }

    /** Removes this node's presence, as it leaves. */
    void remove(AbstractPipeline pipeline) {
        pipeline.del(names.presence(nodeId));
        pipeline.srem(names.nodes(), nodeId);
    }

    /**
     * Reads the sessions of every live node: this node's from memory, the others' from Redis.
     *
     * @param redis the deployment
     * @param path  the endpoint
     * @param room  a room of it, or {@code null} for all its sessions
     */
    List<PresentSession> read(RedisDeployment redis, String path, String room) {
        Set<String> nodes = new LinkedHashSet<>(redis.client().smembers(names.nodes()));
        nodes.remove(nodeId);
        Map<String, Response<Map<String, String>>> hashes = new LinkedHashMap<>();
        try (AbstractPipeline pipeline = redis.pipeline()) {
            for (String node : nodes) {
                hashes.put(node, pipeline.hgetAll(names.presence(node)));
            }
            pipeline.sync();
        }
        List<PresentSession> found = new ArrayList<>();
        // this node's own sessions as they are now: what Redis has of them may be a batch behind
        sessions.forEach((id, entry) -> add(found, id, nodeId, entry, path, room));
        List<String> expired = new ArrayList<>();
        hashes.forEach((node, response) -> {
            Map<String, String> hash = response.get();
            if (hash.isEmpty()) {
                expired.add(node);
            }
            hash.forEach((id, value) -> {
                if (!id.equals(NODE_FIELD)) {
                    add(found, id, node, decode(value), path, room);
                }
            });
        });
        if (!expired.isEmpty()) {
            // nodes whose hash expired are dead (or cut off from Redis): their next heartbeat adds them back
            redis.client().srem(names.nodes(), expired.toArray(String[]::new));
        }
        return found;
    }

    private static void add(List<PresentSession> found, String id, String node, Entry entry, String path, String room) {
        if (entry.path().equals(path) && (room == null || entry.rooms().contains(room))) {
            found.add(new PresentSession(id, node, entry.path(), entry.rooms(), entry.attributes()));
        }
    }

    /** The ids of the nodes whose presence is live. */
    Set<String> nodes(RedisDeployment redis) {
        Set<String> live = new LinkedHashSet<>();
        for (String node : redis.client().smembers(names.nodes())) {
            if (redis.client().exists(names.presence(node))) {
                live.add(node);
            }
        }
        return live;
    }

    /** {@code path \n room \t room... \n key=value \t key=value...}, each part escaped. */
    static String encode(Entry entry) {
        StringBuilder out = new StringBuilder(64).append(Escaping.escape(entry.path(), "\n\t=")).append('\n');
        String separator = "";
        for (String room : entry.rooms()) {
            out.append(separator).append(Escaping.escape(room, "\n\t="));
            separator = "\t";
        }
        out.append('\n');
        separator = "";
        for (Map.Entry<String, String> attribute : entry.attributes().entrySet()) {
            out.append(separator).append(Escaping.escape(attribute.getKey(), "\n\t=")).append('=')
                    .append(Escaping.escape(attribute.getValue(), "\n\t="));
            separator = "\t";
        }
        return out.toString();
    }

    static Entry decode(String value) {
        String[] lines = value.split("\n", -1);
        Set<String> rooms = new HashSet<>();
        if (!lines[1].isEmpty()) {
            for (String room : lines[1].split("\t")) {
                rooms.add(Escaping.unescape(room));
            }
        }
        Map<String, String> attributes = new HashMap<>();
        if (!lines[2].isEmpty()) {
            for (String pair : lines[2].split("\t")) {
                int equals = pair.indexOf('=');
                attributes.put(Escaping.unescape(pair.substring(0, equals)), Escaping.unescape(pair.substring(equals + 1)));
            }
        }
        return new Entry(Escaping.unescape(lines[0]), Set.copyOf(rooms), Map.copyOf(attributes));
    }
}
