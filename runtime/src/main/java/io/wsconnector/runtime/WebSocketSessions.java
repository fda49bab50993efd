package io.wsconnector.runtime;

import java.util.Optional;
import java.util.Set;

/**
 * The open sessions of one endpoint, and its rooms. Obtained with {@link WebSocketSession#sessions()}
 * inside handlers, or {@link WebSocketServer#sessions(Class)} from anywhere else (a scheduler, an HTTP
 * handler).
 *
 * <p>A session is in it from just before {@code @OnOpen} runs (so a broadcast from {@code @OnOpen}
 * reaches the new client too) until just before {@code @OnClose} runs, however the connection ends:
 * close frame, protocol error, TCP reset, idle timeout, server stop.
 */
public interface WebSocketSessions extends SessionGroup {

    /**
     * The endpoint's path, e.g. {@code /chat/{room}}.
     *
     * @return the path or path template
     */
    String path();

    /**
     * An open session of this endpoint.
     *
     * @param id the session's {@link WebSocketSession#id()}
     * @return the session, or empty if no open session of this endpoint has the id
     */
    Optional<WebSocketSession> find(String id);

    /**
     * Sends a text message to the session with the id, on whichever node of the cluster it is (on this
     * server, without a cluster).
     *
     * @param sessionId the session's {@link WebSocketSession#id()}
     * @param text      the message
     * @return {@code true} if it was queued for the session here, or handed to the cluster for the
     *         session's node; {@code false} if no session of this endpoint has the id here and it names
     *         no other node
     */
    boolean sendText(String sessionId, String text);

    /**
     * Sends a binary message to the session with the id, on whichever node of the cluster it is.
     *
     * @param sessionId the session's id
     * @param data      the message; the array may be reused once the call returns
     * @return as {@link #sendText(String, String)}
     */
    boolean sendBinary(String sessionId, byte[] data);

    /**
     * A room of this endpoint: the sessions that {@linkplain WebSocketSession#join(String) joined} it.
     * A room exists while it has members; asking for one that has none gives an empty room.
     *
     * @param name the room's name
     * @return the room
     */
    WebSocketRoom room(String name);

    /**
     * The rooms that have members now.
     *
     * @return a snapshot of their names
     */
    Set<String> rooms();
}
