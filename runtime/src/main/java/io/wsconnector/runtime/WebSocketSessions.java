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
