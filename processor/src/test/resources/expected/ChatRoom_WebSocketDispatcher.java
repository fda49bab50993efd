package test;

import io.wsconnector.runtime.HandshakeRequest;
import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.runtime.spi.AsyncReplies;
import io.wsconnector.runtime.spi.HandshakeValues;
import io.wsconnector.runtime.spi.WebSocketDispatcher;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import javax.annotation.processing.Generated;

/**
 * Delivers one connection's events to its {@link ChatRoom} instance.
 */
@Generated("io.wsconnector.processor.WebSocketProcessor")
final class ChatRoom_WebSocketDispatcher implements WebSocketDispatcher {
    private final ChatRoom endpoint;

    private String room;

    private int userId;

    private Optional<String> token;

    private Optional<String> nick;

    private Optional<Integer> xClientVersion;

    ChatRoom_WebSocketDispatcher(ChatRoom endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void onUpgrade(HandshakeRequest request, WebSocketSession session) {
        this.room = HandshakeValues.require(request.pathParam("room"), "path parameter 'room'");
        this.userId = HandshakeValues.convert(request.pathParam("userId"),
                "path parameter 'userId'", Integer::parseInt);
        this.token = request.queryParam("token");
        this.nick = request.queryParam("nick");
        this.xClientVersion = HandshakeValues.convertOptional(request.header("X-Client-Version"),
                "header 'X-Client-Version'", Integer::parseInt);
        endpoint.authenticate(request, token, session);
    }

    @Override
    public void onOpen(WebSocketSession session) {
        endpoint.joined(session, room, userId, nick);
    }

    @Override
    public void onTextMessage(WebSocketSession session, String message) {
        AsyncReplies.sendText(session, endpoint.said(message, room, xClientVersion));
    }

    @Override
    public void onBinaryMessage(WebSocketSession session, byte[] message) {
        AsyncReplies.sendBinary(session, endpoint.avatar(message, userId));
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
