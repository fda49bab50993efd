package io.wsconnector.runtime;

/**
 * The sessions of an endpoint that joined a room ({@link WebSocketSession#join(String)}). A session
 * leaves with {@link WebSocketSession#leave(String)}, and leaves all its rooms when it closes.
 * The room is a live view: {@link #count()} and broadcasts see its members at the time of the call.
 */
public interface WebSocketRoom extends SessionGroup {

    /**
     * The room's name.
     *
     * @return the name
     */
    String name();
}
