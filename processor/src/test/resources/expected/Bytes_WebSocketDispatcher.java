package test;

import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.runtime.spi.WebSocketDispatcher;
import java.util.concurrent.CompletionStage;
import javax.annotation.processing.Generated;

/**
 * Delivers one connection's events to its {@link Bytes} instance.
 */
@Generated("io.wsconnector.processor.WebSocketProcessor")
final class Bytes_WebSocketDispatcher implements WebSocketDispatcher {
    private final Bytes endpoint;

    Bytes_WebSocketDispatcher(Bytes endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public CompletionStage<?> onBinaryMessage(WebSocketSession session, byte[] message) {
        byte[] reply = endpoint.data(message);
        if (reply != null) {
            session.sendBinary(reply);
        }
        return null;
    }
}
