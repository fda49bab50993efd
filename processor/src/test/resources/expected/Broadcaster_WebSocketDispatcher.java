package test;

import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.runtime.spi.WebSocketDispatcher;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
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
    public CompletionStage<?> onTextMessage(WebSocketSession session, String message) {
        String reply = endpoint.said(session, message);
        if (reply != null) {
            session.broadcastText(reply);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onBinaryMessage(WebSocketSession session, byte[] message) {
        ByteBuffer reply = endpoint.drawn(ByteBuffer.wrap(message));
        if (reply != null) {
            session.broadcastBinary(reply);
        }
        return null;
    }
}
