package test;

import io.wsconnector.runtime.HandshakeRequest;
import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.runtime.internal.AsyncReplies;
import io.wsconnector.runtime.spi.WebSocketDispatcher;
import java.util.concurrent.CompletionStage;
import javax.annotation.processing.Generated;

/**
 * Delivers one connection's events to its {@link Newsroom} instance.
 */
@Generated("io.wsconnector.processor.WebSocketProcessor")
final class Newsroom_WebSocketDispatcher implements WebSocketDispatcher {
    private final Newsroom endpoint;

    private final String desk;

    Newsroom_WebSocketDispatcher(Newsroom endpoint, HandshakeRequest request) {
        this.endpoint = endpoint;
        this.desk = request.pathParam("desk");
    }

    @Override
    public CompletionStage<?> onTextMessage(WebSocketSession session, String message) {
        return AsyncReplies.broadcastText(session, endpoint.headline(message, desk));
    }

    @Override
    public CompletionStage<?> onBinaryMessage(WebSocketSession session, byte[] message) {
        return AsyncReplies.broadcastBinary(session, endpoint.photo(message));
    }
}
