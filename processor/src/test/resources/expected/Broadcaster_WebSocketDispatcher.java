package test;

import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.runtime.spi.WebSocketDispatcher;
import java.nio.ByteBuffer;
import javax.annotation.processing.Generated;

/**
 * Delivers one connection's events to its {@link Broadcaster} instance.
 */
@Generated("io.wsconnector.processor.WebSocketProcessor")
final class Broadcaster_WebSocketDispatcher implements WebSocketDispatcher {
    private final Broadcaster endpoint;

    Broadcaster_WebSocketDispatcher(Broadcaster endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void onOpen(WebSocketSession session) {
        endpoint.opened(session);
    }

    @Override
    public void onTextMessage(WebSocketSession session, String message) {
        String reply = endpoint.said(session, message);
        if (reply != null) {
            session.broadcastText(reply);
        }
    }

    @Override
    public void onBinaryMessage(WebSocketSession session, byte[] message) {
        ByteBuffer reply = endpoint.drawn(ByteBuffer.wrap(message));
        if (reply != null) {
            session.broadcastBinary(reply);
        }
    }
}
