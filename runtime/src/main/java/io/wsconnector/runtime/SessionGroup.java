package io.wsconnector.runtime;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Predicate;

/**
 * Sessions that can be counted, listed and sent to together: all open sessions of an endpoint
 * ({@link WebSocketSessions}) or those in one room ({@link WebSocketRoom}).
 *
 * <p>A broadcast encodes the frame once and queues the same bytes for every recipient, then returns:
 * it never waits for a client to read. Each session has a bounded send queue; a client that does not
 * keep up is dealt with by the server's {@link SlowConsumerPolicy}, without slowing the others. Safe to
 * call from any thread, including from inside handlers ({@code @OnOpen}, {@code @OnClose}, ...).
 */
public interface SessionGroup {

    /**
     * How many sessions are in the group now.
     *
     * @return the number of open sessions
     */
    int count();

    /**
     * The sessions in the group now: a snapshot, not updated as sessions come and go.
     *
     * @return the sessions, in no particular order
     */
    List<WebSocketSession> sessions();

    /**
     * Sends a text message to every open session of the group.
     *
     * @param text the message
     * @return how many sessions it was queued for
     */
    default int broadcastText(String text) {
        return broadcastText(text, session -> true);
    }

    /**
     * Sends a text message to the open sessions of the group that {@code filter} accepts, e.g.
     * {@code session -> !session.equals(sender)} for everyone but the sender.
     *
     * @param text   the message
     * @param filter called once per session; runs on the calling thread
     * @return how many sessions it was queued for
     */
    int broadcastText(String text, Predicate<? super WebSocketSession> filter);

    /**
     * Sends a binary message to every open session of the group.
     *
     * @param data the message; the array may be reused once the call returns
     * @return how many sessions it was queued for
     */
    default int broadcastBinary(byte[] data) {
        return broadcastBinary(data, session -> true);
    }

    /**
     * Sends a binary message to the open sessions of the group that {@code filter} accepts.
     *
     * @param data   the message; the array may be reused once the call returns
     * @param filter called once per session; runs on the calling thread
     * @return how many sessions it was queued for
     */
    int broadcastBinary(byte[] data, Predicate<? super WebSocketSession> filter);

    /**
     * Sends the remaining bytes of {@code data} to every open session of the group, without changing
     * its position.
     *
     * @param data the message
     * @return how many sessions it was queued for
     */
    default int broadcastBinary(ByteBuffer data) {
        return broadcastBinary(data, session -> true);
    }

    /**
     * Sends the remaining bytes of {@code data} to the open sessions of the group that {@code filter}
     * accepts, without changing its position.
     *
     * @param data   the message
     * @param filter called once per session; runs on the calling thread
     * @return how many sessions it was queued for
     */
    int broadcastBinary(ByteBuffer data, Predicate<? super WebSocketSession> filter);
}
