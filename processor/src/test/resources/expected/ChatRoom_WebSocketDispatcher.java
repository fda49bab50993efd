package test;

import io.wsconnector.runtime.HandshakeRequest;
import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.runtime.internal.AsyncReplies;
import io.wsconnector.runtime.internal.HandshakeValues;
import io.wsconnector.runtime.spi.WebSocketDispatcher;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import javax.annotation.processing.Generated;

/**
 * Delivers one connection's events to its {@link ChatRoom} instance.
 */
@Generated("io.wsconnector.processor.WebSocketProcessor")
final class ChatRoom_WebSocketDispatcher implements WebSocketDispatcher {
    private final ChatRoom endpoint;

    private final String room;

    private final int userId;

    private final Optional<String> token;

    private final Optional<String> nick;

    private final Optional<Integer> xClientVersion;

    ChatRoom_WebSocketDispatcher(ChatRoom endpoint, HandshakeRequest request) {
        this.endpoint = endpoint;
        this.room = request.pathParam("room");
        this.userId = HandshakeValues.convert(request.pathParam("userId"),
                "path parameter 'userId'", Integer::parseInt);
        this.token = request.queryParam("token");
        this.nick = request.queryParam("nick");
        this.xClientVersion = HandshakeValues.convertOptional(request.header("X-Client-Version"),
                "header 'X-Client-Version'", Integer::parseInt);
    }

    @Override
    public void onUpgrade(WebSocketSession session) {
        endpoint.authenticate(session.handshake(), token, session);
    }

    @Override
    public void onOpen(WebSocketSession session) {
        endpoint.joined(session, room, userId, nick);
    }

    @Override
    public CompletionStage<?> onTextMessage(WebSocketSession session, String message) {
        return AsyncReplies.sendText(session, endpoint.said(message, room, xClientVersion));
    }

    @Override
    public CompletionStage<?> onBinaryMessage(WebSocketSession session, byte[] message) {
        return AsyncReplies.sendBinary(session, endpoint.avatar(message, userId));
    }

    @Override
    public void onPing(WebSocketSession session, byte[] payload) {
        endpoint.pinged(ByteBuffer.wrap(payload));
    }

    @Override
    public void onPong(WebSocketSession session, byte[] payload) {
        endpoint.ponged(session, payload);
    }

    @Override
    public void onIdleTimeout(WebSocketSession session) {
        endpoint.idle(session);
    }

    @Override
    public boolean onError(WebSocketSession session, Throwable error) {
        if (error instanceof IllegalArgumentException e) {
            endpoint.badInput(e, session);
            return true;
        }
        if (error instanceof UncheckedIOException e) {
            endpoint.sendFailed(e);
            return true;
        }
        if (error instanceof Exception e) {
            endpoint.failed(e, session);
            return true;
        }
        return false;
    }

    @Override
    public void onClose(WebSocketSession session, int statusCode, String reason) {
        endpoint.left(room, userId, statusCode);
    }
}
