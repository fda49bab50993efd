package test;

import io.wsconnector.runtime.HandshakeRequest;
import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.runtime.spi.AsyncReplies;
import io.wsconnector.runtime.spi.HandshakeValues;
import io.wsconnector.runtime.spi.WebSocketDispatcher;
import javax.annotation.processing.Generated;

/**
 * Delivers one connection's events to its {@link Newsroom} instance.
 */
@Generated("io.wsconnector.processor.WebSocketProcessor")
final class Newsroom_WebSocketDispatcher implements WebSocketDispatcher {
    private final Newsroom endpoint;

    private String desk;

    Newsroom_WebSocketDispatcher(Newsroom endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void onUpgrade(HandshakeRequest request, WebSocketSession session) {
        this.desk = HandshakeValues.require(request.pathParam("desk"), "path parameter 'desk'");
    }

    @Override
    public void onTextMessage(WebSocketSession session, String message) {
        AsyncReplies.broadcastText(session, endpoint.headline(message, desk));
    }

    @Override
    public void onBinaryMessage(WebSocketSession session, byte[] message) {
        AsyncReplies.broadcastBinary(session, endpoint.photo(message));
    }
}
