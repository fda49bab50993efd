package test;

import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.runtime.spi.WebSocketDispatcher;
import java.util.concurrent.CompletionStage;
import javax.annotation.processing.Generated;

/**
 * Delivers one connection's events to its {@link Echo} instance.
 */
@Generated("io.wsconnector.processor.WebSocketProcessor")
final class Echo_WebSocketDispatcher implements WebSocketDispatcher {
    private final Echo endpoint;

    Echo_WebSocketDispatcher(Echo endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public CompletionStage<?> onTextMessage(WebSocketSession session, String message) throws
            Exception {
        String reply = endpoint.echo(message, session);
        if (reply != null) {
            session.sendText(reply);
        }
        return null;
    }

    @Override
    public void onClose(WebSocketSession session, int statusCode, String reason) {
        endpoint.closed(reason, statusCode);
    }
}
