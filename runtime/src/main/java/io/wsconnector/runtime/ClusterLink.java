package io.wsconnector.runtime;

import io.wsconnector.runtime.cluster.ClusterNode;

/**
 * The server's node in a cluster, from {@link WebSocketServer#start()} until it stops; absent without a
 * cluster, and then each place that would tell the cluster something costs one read of a field.
 */
final class ClusterLink {
    private volatile ClusterNode node;

    /** The node, or {@code null} when the server is in no cluster (or not started). */
    ClusterNode node() {
        return node;
    }

    void node(ClusterNode node) {
        this.node = node;
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
