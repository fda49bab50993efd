package io.wsconnector.runtime;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * One client's WebSocket connection, as seen by an endpoint's handler methods.
 *
 * <p>Every method is safe to call from any thread: sends are serialized, so a message is never
 * interleaved with another one on the wire, and the messages one thread sends arrive in the order it
 * sent them.
 *
 * <p>Sending never waits for a slow client on another thread's behalf. From the session's own handlers
 * the message joins the connection's next batch of replies, written when the connection has handled
 * the input it has (the connection waits for the client to read them, and reads nothing meanwhile).
 * From any other thread — another session's handler, a scheduler, a broadcast — it is put in the
 * session's bounded send queue and written by the connection; when the queue is full, the server's
 * {@link SlowConsumerPolicy} applies.
 *
 * <p>What may be missing is an {@link Optional}; {@link #pathParam} and {@link #attribute(String)} answer
 * like {@code Map.get} (the package's rule for null).
 */
public interface WebSocketSession {

    /**
     * A short string that identifies this session among all sessions of the server (a sequence
     * number, in base 36). It is not a secret: do not use it to authenticate anything.
     *
     * @return the session id
     */
    String id();

    /**
     * Sends a text message to this session's client.
     *
     * @param text the message
     * @throws IllegalStateException if the session is no longer open
     * @throws UncheckedIOException if the connection fails while a handler of this session sends
     */
    void sendText(String text);

    /**
     * Sends a binary message to this session's client.
     *
     * @param data the message; the array may be reused once the call returns
     * @throws IllegalStateException if the session is no longer open
     * @throws UncheckedIOException if the connection fails while a handler of this session sends
     */
    void sendBinary(byte[] data);

    /**
     * Sends the remaining bytes of {@code data} as a binary message, without changing its position.
     *
     * @param data the message
     * @throws IllegalStateException if the session is no longer open
     * @throws UncheckedIOException if the connection fails while a handler of this session sends
     */
    void sendBinary(ByteBuffer data);

    /**
     * Sends a text message and reports the outcome as a stage instead of an exception: the stage
     * completes when the message has been written to the connection, or fails with an
     * {@link IllegalStateException} when the session closes first or the connection fails. When the
     * {@link SlowConsumerPolicy} drops the message, the stage is cancelled (a
     * {@link CancellationException}). The call itself never waits.
     *
     * @param text the message
     * @return completes when written
     */
    CompletionStage<Void> sendTextAsync(String text);

    /**
     * Sends a binary message and reports the outcome as a stage, like {@link #sendTextAsync(String)}.
     *
     * @param data the message; the array may be reused once the call returns
     * @return completes when written
     */
    CompletionStage<Void> sendBinaryAsync(byte[] data);

    /**
     * The open sessions of this session's endpoint, with its rooms.
     *
     * @return the endpoint's sessions
     */
    WebSocketSessions sessions();

    /**
     * Sends a text message to every open session of this endpoint, this one included; same as
     * {@code sessions().broadcastText(text)}.
     *
     * @param text the message
     * @return how many sessions it was queued for
     */
    default int broadcastText(String text) {
        return sessions().broadcastText(text);
    }

    /**
     * Sends a text message to the open sessions of this endpoint that {@code filter} accepts, e.g.
     * {@code other -> other != session} for all but this one; in a cluster, on this node only (for all but
     * this one on every node: {@code sessions().broadcastText(text, session)}).
     *
     * @param text   the message
     * @param filter which sessions get it
     * @return how many sessions it was queued for
     */
    default int broadcastText(String text, Predicate<? super WebSocketSession> filter) {
        return sessions().broadcastText(text, filter);
    }

    /**
     * Sends a binary message to every open session of this endpoint, this one included.
     *
     * @param data the message; the array may be reused once the call returns
     * @return how many sessions it was queued for
     */
    default int broadcastBinary(byte[] data) {
        return sessions().broadcastBinary(data);
    }

    /**
     * Sends a binary message to the open sessions of this endpoint that {@code filter} accepts.
     *
     * @param data   the message; the array may be reused once the call returns
     * @param filter which sessions get it
     * @return how many sessions it was queued for
     */
    default int broadcastBinary(byte[] data, Predicate<? super WebSocketSession> filter) {
        return sessions().broadcastBinary(data, filter);
    }

    /**
     * Sends the remaining bytes of {@code data} to every open session of this endpoint, this one
     * included, without changing its position.
     *
     * @param data the message
     * @return how many sessions it was queued for
     */
    default int broadcastBinary(ByteBuffer data) {
        return sessions().broadcastBinary(data);
    }

    /**
     * Joins a room of this endpoint ({@link WebSocketSessions#room(String)}); joining one it is in does
     * nothing. A session leaves all its rooms when it leaves its endpoint's sessions, just before its
     * {@code @OnClose}; from then on it cannot join any (so a join in {@code @OnOpen} always succeeds).
     *
     * @param room the room's name
     * @return {@code true} if the session joined, {@code false} if it was in the room already or has closed
     */
    boolean join(String room);

    /**
     * Leaves a room.
     *
     * @param room the room's name
     * @return {@code true} if the session was in the room
     */
    boolean leave(String room);

    /**
     * The rooms this session is in.
     *
     * @return a snapshot of their names
     */
    Set<String> rooms();

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
     * @return the decoded value, never {@code null} for a name the template declares; {@code null} if it
     *         declares no such name (like {@code Map.get}: see the package's rule for null)
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
    Optional<String> subprotocol();

    /**
     * A value stored on this connection with {@link #attribute(String, Object)}, e.g. by
     * {@code @OnUpgrade}.
     *
     * @param key the key
     * @param <T> the type the value was stored as
     * @return the value, or {@code null} if none is stored under the key (like {@code Map.get})
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
