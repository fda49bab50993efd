package io.wsconnector.bench;

import io.wsconnector.annotations.OnTextMessage;
import io.wsconnector.annotations.WebSocketUpgradePath;
import io.wsconnector.runtime.WebSocketSession;

/**
 * Server (1) of the fan-out scenarios, "ours": every text message a client sends goes to every other open
 * session of the endpoint, with the runtime's broadcast (encoded once, queued for each recipient, never
 * waiting for a slow one). The sender does not get its own message back: the same rule as the hand-written
 * Helidon and Netty servers in {@link BroadcastServers}. The processor generates
 * {@code OursBroadcast_WebSocketEndpoint}; {@link BroadcastServers} serves it through
 * {@code WebSocketServer.builder()} with endpoint discovery, as {@link OursEcho} is served.
 */
@WebSocketUpgradePath(BroadcastServers.PATH)
public class OursBroadcast {
    @OnTextMessage
    void broadcast(WebSocketSession session, String message) {
        session.broadcastText(message, other -> other != session);
    }
}
