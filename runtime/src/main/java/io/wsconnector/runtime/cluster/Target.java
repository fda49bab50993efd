package io.wsconnector.runtime.cluster;

import java.util.Objects;

/**
 * Which sessions a {@link ClusterMessage} is for, on every node: all of an endpoint's, a room's members,
 * or one session.
 */
public sealed interface Target {

    /**
     * The endpoint's path as declared, e.g. {@code /chat/{room}}: the same on every node.
     *
     * @return the path or path template
     */
    String path();

    /**
     * Every open session of an endpoint.
     *
     * @param path the endpoint's path
     */
    record Endpoint(String path) implements Target {
        /** @param path the endpoint's path */
        public Endpoint {
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * The members of one room of an endpoint.
     *
     * @param path the endpoint's path
     * @param room the room's name
     */
    record Room(String path, String room) implements Target {
        /**
         * @param path the endpoint's path
         * @param room the room's name
         */
        public Room {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(room, "room");
        }
    }

    /**
     * One session, wherever it is.
     *
     * @param path      the session's endpoint
     * @param sessionId the session's id, which starts with its node's id
     */
    record Session(String path, String sessionId) implements Target {
        /**
         * @param path      the session's endpoint
         * @param sessionId the session's id
         */
        public Session {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(sessionId, "sessionId");
        }
    }
}
