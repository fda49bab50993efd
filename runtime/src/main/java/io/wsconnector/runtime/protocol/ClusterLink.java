package io.wsconnector.runtime.protocol;

import io.wsconnector.runtime.cluster.Cluster;
import io.wsconnector.runtime.cluster.ClusterNode;

/**
 * The server's node in a cluster, from {@link #join} until {@link #leave}; absent without a cluster, and
 * then each place that would tell the cluster something costs one read of a field.
 */
public final class ClusterLink {
    private volatile ClusterNode node;

    /**
     * Joins the cluster, whose messages from other nodes go to the endpoints' sessions.
     *
     * @param cluster the cluster
     * @param routes  the server's endpoints
     */
    public void join(Cluster cluster, EndpointRoutes routes) {
        node = cluster.join(routes::deliver);
    }

    /** Leaves the cluster, if the server joined one. */
    public void leave() {
        ClusterNode current = node;
        if (current != null) {
            node = null;
            current.leave();
        }
    }

    /** The node, or {@code null} when the server is in no cluster (or not started). */
    ClusterNode node() {
        return node;
    }

    /**
     * A session id: the server's sequence number in base 36, after the node's id and
     * {@link ClusterNode#SESSION_ID_SEPARATOR} in a cluster, so that a send to the id finds the node.
     */
    String sessionId(long sequence) {
        ClusterNode current = node;
        String local = Long.toString(sequence, 36);
        return current == null ? local : current.nodeId() + ClusterNode.SESSION_ID_SEPARATOR + local;
    }
}
