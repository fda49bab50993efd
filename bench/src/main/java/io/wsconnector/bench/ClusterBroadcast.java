package io.wsconnector.bench;

import java.util.function.Consumer;

import io.wsconnector.annotations.OnTextMessage;
import io.wsconnector.annotations.WebSocketUpgradePath;
import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.runtime.spi.WebSocketEndpoint;

/**
 * The endpoint of the cluster scenario ({@link ClusterBench}), the same in its three variants: every text
 * message a client sends goes to every other session of the endpoint, with
 * {@code broadcastText(message, session)} ("everyone but the sender", which a cluster carries to every node;
 * a filter would stay on this node), then to the relay. With {@code wsconnector-cluster-redis} joined the relay
 * does nothing: the runtime publishes. Without a cluster the broadcast is this node's only, and the hand-written
 * variant's relay ({@link HandRelay}) publishes the message to the other nodes itself.
 *
 * <p>No no-argument constructor: the processor then does not list it for discovery, so the other scenarios'
 * servers do not serve it; {@link #endpoint} builds each instance.
 */
@WebSocketUpgradePath(ClusterBroadcast.PATH)
public class ClusterBroadcast {
    static final String PATH = "/cluster-broadcast";

    private final Consumer<String> relay;

    ClusterBroadcast(Consumer<String> relay) {
        this.relay = relay;
    }

    /** The endpoint's registration, each connection's instance handing what it broadcast to {@code relay}. */
    static WebSocketEndpoint endpoint(Consumer<String> relay) {
        return new ClusterBroadcast_WebSocketEndpoint(() -> new ClusterBroadcast(relay));
    }

    @OnTextMessage
    void broadcast(WebSocketSession session, String message) {
        session.sessions().broadcastText(message, session);
        relay.accept(message);
    }
}
