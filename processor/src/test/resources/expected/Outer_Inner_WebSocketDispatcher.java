package test;

import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.runtime.spi.WebSocketDispatcher;
import javax.annotation.processing.Generated;

/**
 * Delivers one connection's events to its {@link Outer.Inner} instance.
 */
@Generated("io.wsconnector.processor.WebSocketProcessor")
final class Outer_Inner_WebSocketDispatcher implements WebSocketDispatcher {
    private final Outer.Inner endpoint;

    Outer_Inner_WebSocketDispatcher(Outer.Inner endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void onOpen(WebSocketSession session) {
        endpoint.opened(session);
    }
}
