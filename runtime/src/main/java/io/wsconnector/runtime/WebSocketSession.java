package io.wsconnector.runtime;

/**
 * One client's WebSocket connection, as seen by an endpoint's handler methods.
 *
 * <p>Every method is safe to call from any thread: sends are serialized, so a message is never
 * interleaved with another one on the wire.
 */
public interface WebSocketSession {

    /**
     * A short string that identifies this session among all sessions of the server (a sequence
     * number). It is not a secret: do not use it to authenticate anything.
     *
     * @return the session id
     */
    String id();

    /**
     * Sends a text message to this session's client.
     *
     * @param text the message
     * @throws IllegalStateException if the session is no longer open
     * @throws java.io.UncheckedIOException if the connection fails while sending
     */
    void sendText(String text);

    /**
     * Sends a binary message to this session's client.
     *
     * @param data the message; the array may be reused once the call returns
     * @throws IllegalStateException if the session is no longer open
     * @throws java.io.UncheckedIOException if the connection fails while sending
     */
    void sendBinary(byte[] data);

    /**
     * Sends the remaining bytes of {@code data} as a binary message, without changing its position.
     *
     * @param data the message
     * @throws IllegalStateException if the session is no longer open
     * @throws java.io.UncheckedIOException if the connection fails while sending
     */
    void sendBinary(java.nio.ByteBuffer data);

    /**
     * Sends a text message and reports the outcome as a stage instead of an exception: the stage
     * completes when the message has been written, or fails when the session is closed or the
     * connection fails — convenient for sending to many sessions, some of which may be closing.
     *
     * <p>From a handler of this session the message is queued and written with the connection's next
     * batch, so the call returns at once. From any other thread it is written on the calling thread:
     * a client that stops reading (a full TCP window) blocks the caller until the connection fails.
     * Bounded per-session queues that never block the caller are planned (broadcast issue).
     *
     * @param text the message
     * @return completes when written
     */
    java.util.concurrent.CompletionStage<Void> sendTextAsync(String text);

    /**
     * Sends a binary message and reports the outcome as a stage, like {@link #sendTextAsync(String)}.
     *
     * @param data the message; the array may be reused once the call returns
     * @return completes when written
     */
    java.util.concurrent.CompletionStage<Void> sendBinaryAsync(byte[] data);

    /**
     * Sends a ping; the client's pong arrives at the endpoint's {@code @OnPong} method.
     *
     * @param payload at most 125 bytes
     * @throws IllegalArgumentException if the payload is longer than 125 bytes
     * @throws IllegalStateException if the session is no longer open
     */
    void sendPing(byte[] payload);

    /**
     * Starts the closing handshake with the given status code and reason. The {@code @OnClose}
     * method runs when the client answers.
     *
     * <p>Closing a session that is already closing or closed does nothing.
     *
     * @param statusCode a close code that an endpoint may send: 1000–1003, 1007–1014, or 3000–4999
     * @param reason     the reason, at most 123 bytes in UTF-8; may be empty
     * @throws IllegalArgumentException if the code may not be sent or the reason is too long
     */
    void close(int statusCode, String reason);

    /**
     * Closes with 1000 (normal closure) and an empty reason.
     */
    default void close() {
        close(CloseCodes.NORMAL_CLOSURE, "");
    }

    /**
     * Whether messages can still be sent: the connection is up and no close frame has been sent or
     * received.
     *
     * @return {@code true} while the session is open
     */
    boolean isOpen();

    /**
     * The value of a segment of the endpoint's path template for this connection.
     *
     * @param name the name in the template, e.g. {@code room} for {@code /rooms/{room}}
     * @return the decoded value, or {@code null} if the template has no such name
     */
    String pathParam(String name);

    /**
     * The opening handshake of this connection.
     *
     * @return the handshake request
     */
    HandshakeRequest handshake();

    /**
     * The subprotocol negotiated during the handshake.
     *
     * @return the subprotocol, or empty if none
     */
    java.util.Optional<String> subprotocol();

    /**
     * A value stored on this connection with {@link #attribute(String, Object)}, e.g. by
     * {@code @OnUpgrade}.
     *
     * @param key the key
     * @param <T> the type the value was stored as
     * @return the value, or {@code null} if none
     */
    <T> T attribute(String key);

    /**
     * Stores a value on this connection, for later handlers; {@code null} removes it. Safe to call from
     * any thread.
     *
     * @param key   the key
     * @param value the value, or {@code null}
     */
    void attribute(String key, Object value);
}
