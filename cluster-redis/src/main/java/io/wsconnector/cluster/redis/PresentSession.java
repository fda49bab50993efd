package io.wsconnector.cluster.redis;

import java.util.Map;
import java.util.Set;

/**
 * A session of some node of the cluster, as presence shows it: its id, its node, its endpoint, its rooms
 * and the attributes the application chose to publish ({@link RedisCluster.Builder#publishAttributes}).
 *
 * @param id         the session's id ({@code WebSocketSession.id()}), which starts with its node's id
 * @param nodeId     the node it is connected to
 * @param path       its endpoint's path as declared, e.g. {@code /chat/{room}}
 * @param rooms      the rooms it is in
 * @param attributes its published attributes, as text ({@code String.valueOf} of each value)
 */
public record PresentSession(String id, String nodeId, String path, Set<String> rooms, Map<String, String> attributes) {

    /**
     * @param id         the session's id
     * @param nodeId     its node
     * @param path       its endpoint's path
     * @param rooms      its rooms
     * @param attributes its published attributes
     */
    public PresentSession {
        rooms = Set.copyOf(rooms);
        attributes = Map.copyOf(attributes);
    }
}
