package io.wsconnector.bench;

import io.wsconnector.annotations.OnOpen;
import io.wsconnector.annotations.PathParam;
import io.wsconnector.annotations.WebSocketUpgradePath;
import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.runtime.spi.WebSocketEndpoint;

/**
 * The rooms of the cluster scenario's count ({@link ClusterBench}): a client of {@code /rooms/r7} is a member of
 * room {@code r7}, and its node then subscribes to that room's channel only. The messages come from the node's
 * {@code rooms} command ({@link ClusterServers}), not from a client.
 *
 * <p>The constructor is private, so the processor does not list the class for discovery and the other
 * scenarios' servers do not serve it; {@link #endpoint} registers it.
 */
@WebSocketUpgradePath(ClusterRooms.PATH)
public class ClusterRooms {
    static final String PATH = "/rooms/{room}";

    private ClusterRooms() {
    }

    /** The endpoint's registration. */
    static WebSocketEndpoint endpoint() {
        return new ClusterRooms_WebSocketEndpoint(ClusterRooms::new);
    }

    @OnOpen
    void joined(WebSocketSession session, @PathParam String room) {
        session.join(room);
    }
}
