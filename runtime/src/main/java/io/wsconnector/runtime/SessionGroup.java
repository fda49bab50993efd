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
 *
 * <p>When the server is a node of a cluster ({@link WebSocketServer.Builder#cluster}), a broadcast without
 * a filter, or to everyone but one session, reaches the group's sessions on every node; the count returned
 * is this node's (the other nodes deliver a moment later). A broadcast with a {@link Predicate} filter
 * stays on this node: the filter is code that can only see this node's sessions.
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
        return broadcastText(text, (WebSocketSession) null);
    }

    /**
     * Sends a text message to every open session of the group but one, e.g. everyone but the sender: on
     * every node of a cluster, unlike a filter.
     *
     * @param text   the message
     * @param except the session that does not get it; {@code null} for none
     * @return how many sessions of this node it was queued for
     */
    int broadcastText(String text, WebSocketSession except);

    /**
     * Sends a text message to the open sessions of the group that {@code filter} accepts, e.g.
     * {@code session -> session.attribute("admin") != null}; on this node only, when it is in a cluster.
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
        return broadcastBinary(data, (WebSocketSession) null);
    }

    /**
     * Sends a binary message to every open session of the group but one, on every node of a cluster.
     *
     * @param data   the message; the array may be reused once the call returns
     * @param except the session that does not get it; {@code null} for none
     * @return how many sessions of this node it was queued for
     */
    int broadcastBinary(byte[] data, WebSocketSession except);

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
        return broadcastBinary(data, (WebSocketSession) null);
    }

    /**
     * Sends the remaining bytes of {@code data} to every open session of the group but one, on every node
     * of a cluster, without changing its position.
     *
     * @param data   the message
     * @param except the session that does not get it; {@code null} for none
     * @return how many sessions of this node it was queued for
     */
    int broadcastBinary(ByteBuffer data, WebSocketSession except);

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
