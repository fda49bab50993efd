package io.wsconnector.runtime;

/**
 * One client's WebSocket connection, as seen by an endpoint's handler methods.
 *
 * <p>Every method is safe to call from any thread: sends are serialized, so a message is never
 * interleaved with another one on the wire.
 */
public interface WebSocketSession {

    /**
     * A string that identifies this session among all sessions of the server.
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
}
