package io.wsconnector.runtime.cluster;

/**
 * The sessions of one server, as a {@link Cluster} sees them: the runtime implements it and hands it to
 * {@link Cluster#join}. The cluster calls it with the messages other nodes published.
 */
public interface LocalSessions {

    /**
     * Delivers a message from another node to this node's sessions that it targets: every open session of
     * the endpoint, the members of the room, or the session with the id, less the excluded session. The
     * frame is encoded once and queued for each recipient's bounded send queue; the call never waits for a
     * client (a client that does not keep up is dealt with by the server's slow-consumer policy).
     *
     * @param message the message
     * @return how many sessions it was queued for
     */
    int deliver(ClusterMessage message);
}
