package test;

import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.runtime.spi.WebSocketDispatcher;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import javax.annotation.processing.Generated;

/**
 * Delivers one connection's events to its {@link Blob} instance.
 */
@Generated("io.wsconnector.processor.WebSocketProcessor")
final class Blob_WebSocketDispatcher implements WebSocketDispatcher {
    private final Blob endpoint;

    Blob_WebSocketDispatcher(Blob endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public CompletionStage<?> onTextMessage(WebSocketSession session, String message) {
        String reply = endpoint.text(message);
        if (reply != null) {
            session.sendText(reply);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onBinaryMessage(WebSocketSession session, byte[] message) {
        ByteBuffer reply = endpoint.data(ByteBuffer.wrap(message), session);
        if (reply != null) {
            session.sendBinary(reply);
        }
        return null;
    }
}
