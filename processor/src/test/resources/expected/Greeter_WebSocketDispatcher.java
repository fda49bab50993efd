package test;

import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.runtime.spi.WebSocketDispatcher;
import javax.annotation.processing.Generated;

/**
 * Delivers one connection's events to its {@link Greeter} instance.
 */
@Generated("io.wsconnector.processor.WebSocketProcessor")
final class Greeter_WebSocketDispatcher implements WebSocketDispatcher {
    private final Greeter endpoint;

    Greeter_WebSocketDispatcher(Greeter endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void onOpen(WebSocketSession session) {
        endpoint.opened(session);
    }
}
