package io.wsconnector.runtime.spi;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;

import io.wsconnector.runtime.CloseCodes;
import io.wsconnector.runtime.WebSocketSession;

/**
 * Delivers one connection's events to one endpoint instance. The wsconnector processor generates an
 * implementation for each endpoint class, calling its handler methods directly; users do not
 * implement it.
 *
 * <p>The runtime calls these methods one at a time, never concurrently, in the order the events
 * happen: {@link #onUpgrade} first, then {@link #onOpen}, then messages, control frames and idle
 * timeouts, then {@link #onClose} exactly once. An exception thrown by one of them goes to
 * {@link #onError}; if that does not handle it, the runtime logs it and closes the connection with
 * 1011.
 */
public interface WebSocketDispatcher {

    /**
     * The handshake of a new connection, before the server answers 101: runs the endpoint's
     * {@code @OnUpgrade} method (the handshake values were converted when the dispatcher was created;
     * the request is {@code session.handshake()}). Throwing
     * {@link io.wsconnector.runtime.UpgradeRejectedException} refuses the connection with its status;
     * any other exception refuses it with 500 (and is logged).
     *
     * @param session the connection-to-be: attributes work, sending does not
     * @throws Exception to refuse the connection
     */
    default void onUpgrade(WebSocketSession session) throws Exception {
    }

    /**
     * The connection is open.
     *
     * @param session the connection
     * @throws Exception whatever the endpoint's handler throws
     */
    default void onOpen(WebSocketSession session) throws Exception {
    }

    /**
     * A complete text message arrived. By default, a dispatcher that {@link #takesUtf8Text takes UTF-8}
     * passes it on to {@link #onUtf8TextMessage} as bytes; any other takes no text, and the connection is
     * closed with 1003 (unsupported data).
     *
     * <p>Like {@code java.net.http.WebSocket.Listener}, the method returns {@code null} when it is done,
     * or a stage when the handler's reply is still pending: the stage completes when the reply has been
     * handed to the session, and a stage that completes exceptionally is handled by the runtime like an
     * exception thrown here ({@link #onError}, or a 1011 close).
     *
     * @param session the connection
     * @param message the whole message
     * @return {@code null}, or the pending reply
     * @throws Exception whatever the endpoint's handler throws
     */
    default CompletionStage<?> onTextMessage(WebSocketSession session, String message) throws Exception {
        if (takesUtf8Text()) {
            return onUtf8TextMessage(session, message.getBytes(StandardCharsets.UTF_8));
        }
        session.close(CloseCodes.UNSUPPORTED_DATA, "This endpoint does not accept text messages");
        return null;
    }

    /**
     * Whether text messages arrive as their UTF-8 bytes, at {@link #onUtf8TextMessage}, instead of as a
     * {@code String}, at {@link #onTextMessage}. The runtime asks once per connection. The generated
     * dispatcher of an endpoint with typed text messages says yes: its codecs read bytes (avaje-jsonb
     * parses UTF-8), and a {@code String} would be made only to be turned back into bytes. A dispatcher
     * that says yes implements {@link #onUtf8TextMessage}; either method then takes its text.
     *
     * @return {@code true} for {@link #onUtf8TextMessage}; by default {@code false}
     */
    default boolean takesUtf8Text() {
        return false;
    }

    /**
     * A complete text message arrived, as its UTF-8 bytes, to a dispatcher whose {@link #takesUtf8Text}
     * is {@code true}; returns as {@link #onTextMessage} does, to which it passes the text by default.
     *
     * @param session the connection
     * @param message the whole message, valid UTF-8 (the runtime checked it), a copy the endpoint may keep
     * @return {@code null}, or the pending reply
     * @throws Exception whatever the endpoint's handler throws
     */
    default CompletionStage<?> onUtf8TextMessage(WebSocketSession session, byte[] message) throws Exception {
        return onTextMessage(session, new String(message, StandardCharsets.UTF_8));
    }

    /**
     * A complete binary message arrived. By default the endpoint takes no binary data, and the
     * connection is closed with 1003 (unsupported data).
     *
     * <p>Returns as {@link #onTextMessage} does.
     *
     * @param session the connection
     * @param message the whole message, a copy the endpoint may keep
     * @return {@code null}, or the pending reply
     * @throws Exception whatever the endpoint's handler throws
     */
    default CompletionStage<?> onBinaryMessage(WebSocketSession session, byte[] message) throws Exception {
        session.close(CloseCodes.UNSUPPORTED_DATA, "This endpoint does not accept binary messages");
        return null;
    }

    /**
     * A ping arrived; the runtime has already answered it with a pong.
     *
     * @param session the connection
     * @param payload the ping's payload, a copy the endpoint may keep
     * @throws Exception whatever the endpoint's handler throws
     */
    default void onPing(WebSocketSession session, byte[] payload) throws Exception {
    }

    /**
     * A pong arrived.
     *
     * @param session the connection
     * @param payload the pong's payload, a copy the endpoint may keep
     * @throws Exception whatever the endpoint's handler throws
     */
    default void onPong(WebSocketSession session, byte[] payload) throws Exception {
    }

    /**
     * No frame arrived for the endpoint's idle timeout. By default the connection is closed with 1001.
     *
     * @param session the connection
     * @throws Exception whatever the endpoint's handler throws
     */
    default void onIdleTimeout(WebSocketSession session) throws Exception {
        session.close(CloseCodes.GOING_AWAY, "Idle timeout");
    }

    /**
     * Another handler threw (or the stage a message handler returned completed exceptionally). The generated
     * implementation tries the endpoint's {@code @OnError} methods, most specific type first.
     *
     * @param session the connection
     * @param error   what was thrown
     * @return {@code true} if an {@code @OnError} method handled it; {@code false} lets the runtime log
     *         it and close the connection with 1011
     * @throws Exception whatever the endpoint's {@code @OnError} method throws (then handled like
     *                   {@code false})
     */
    default boolean onError(WebSocketSession session, Throwable error) throws Exception {
        return false;
    }

    /**
     * The client closed the connection.
     *
     * @param session    the connection, no longer open
     * @param statusCode the code of the client's close frame
     * @param reason     the reason of the client's close frame, possibly empty
     * @throws Exception whatever the endpoint's handler throws
     */
    default void onClose(WebSocketSession session, int statusCode, String reason) throws Exception {
    }
}
