package io.wsconnector.runtime.cluster;

/**
 * Servers that share broadcasts, rooms, sends to a session id and presence, e.g. through Redis
 * ({@code RedisCluster} in {@code wsconnector-cluster-redis}). A server joins one with
 * {@code WebSocketServer.builder().cluster(cluster)}.
 *
 * <p>One instance serves one server: {@link #join} is called once.
 */
public interface Cluster {

    /**
     * Makes the server a node of the cluster. {@code WebSocketServer.start()} calls it before it listens,
     * so no session exists yet; it must not wait long (bounded by the implementation's time-outs).
     *
     * @param local the server's sessions, to which the cluster delivers messages from other nodes
     * @return the node, which the server tells what happens to its sessions until it stops
     * @throws IllegalStateException if the node cannot join, with a message that says why (e.g. the
     *                               cluster's broker cannot be reached)
     */
    ClusterNode join(LocalSessions local);
}
