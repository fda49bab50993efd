package io.wsconnector.runtime.cluster;

import io.wsconnector.runtime.WebSocketSession;

/**
 * One server's place in a {@link Cluster}: the runtime tells it what happens to its sessions. Every
 * method returns at once, on any thread, handlers' included: it hands the work to the cluster's own
 * threads and never waits for the network.
 *
 * <p>The calls for one session arrive in the order of the events: {@link #opened} before its
 * {@link #joined joins}, {@link #left leaves} and {@link #attributeChanged attribute changes}, and
 * {@link #closed} last (after it has left every room, without a {@code left} call per room).
 */
public interface ClusterNode {

    /**
     * This node's id in the cluster, unique among the nodes that are up. The runtime starts every session
     * id with it and {@link #SESSION_ID_SEPARATOR}, so a send to a session id finds the session's node.
     *
     * @return letters, digits or {@code _}, at most 32 characters
     */
    String nodeId();

    /** Between the {@link #nodeId() node id} and the node's own sequence number in a session id. */
    char SESSION_ID_SEPARATOR = '-';

    /**
     * A message sent on this node that sessions on other nodes must get too: a broadcast to an endpoint
     * or a room (already delivered to this node's sessions), or a send to a session id of another node.
     *
     * @param message the message; its payload is not changed by anyone once handed over
     */
    void publish(ClusterMessage message);

    /**
     * A session of this node opened (it is in its endpoint's sessions, just before {@code @OnOpen}).
     *
     * @param session the session; {@code session.sessions().path()} is its endpoint
     */
    void opened(WebSocketSession session);

    /**
     * A session joined a room of its endpoint.
     *
     * @param session the session
     * @param room    the room's name
     */
    void joined(WebSocketSession session, String room);

    /**
     * A session left a room of its endpoint while staying open.
     *
     * @param session the session
     * @param room    the room's name
     */
    void left(WebSocketSession session, String room);

    /**
     * A session's attribute was set or removed ({@link WebSocketSession#attribute(String, Object)}), after
     * {@link #opened}; attributes set before (e.g. in {@code @OnUpgrade}) are there when it opens.
     *
     * @param session the session
     * @param key     the attribute's key
     */
    void attributeChanged(WebSocketSession session, String key);

    /**
     * A session closed: it has left its endpoint's sessions and all its rooms (just before {@code @OnClose}).
     *
     * @param session the session
     */
    void closed(WebSocketSession session);

    /**
     * The server stops: the node leaves the cluster and releases its connections. Called once, after the
     * server has stopped listening and closed its sessions.
     */
    void leave();
}
