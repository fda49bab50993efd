package test;

import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.runtime.spi.WebSocketDispatcher;
import java.util.concurrent.CompletionStage;
import javax.annotation.processing.Generated;

/**
 * Delivers one connection's events to its {@link HelloWorld} instance.
 */
@Generated("io.wsconnector.processor.WebSocketProcessor")
final class HelloWorld_WebSocketDispatcher implements WebSocketDispatcher {
    private final HelloWorld endpoint;

    HelloWorld_WebSocketDispatcher(HelloWorld endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void onOpen(WebSocketSession session) {
        endpoint.opened(session);
    }

    @Override
    public CompletionStage<?> onTextMessage(WebSocketSession session, String message) {
        endpoint.message(session, message);
        return null;
    }

    @Override
    public void onClose(WebSocketSession session, int statusCode, String reason) {
        endpoint.closed(session, statusCode, reason);
    }
}
