package io.wsconnector.runtime;

/**
 * What the server does with a session whose send queue is full: its client reads more slowly than the
 * server sends to it. Only that session is affected; senders never wait for it.
 *
 * <p>The queue holds what was sent from threads other than the session's own (broadcasts, sends from
 * other sessions' handlers, schedulers, asynchronous replies) and is not written yet. Its limit is
 * {@link WebSocketServer.Builder#sendQueueLimit(int)}; a message is always accepted into an empty
 * queue, whatever its size. Replies sent from the session's own handlers are not queued: the connection
 * waits until the client reads them, and reads nothing more meanwhile.
 */
public enum SlowConsumerPolicy {
    /**
     * Close the session with 1008 (policy violation), dropping what is queued; the server logs it. The
     * default: a client that cannot keep up gets a clear signal and reconnects, instead of silently
     * missing messages.
     */
    CLOSE,
    /**
     * Drop the message that does not fit; the queue keeps the older ones.
     */
    DROP_NEWEST,
    /**
     * Drop the oldest queued messages until the new one fits: the client gets the latest (for state
     * updates, where only the newest value matters).
     */
    DROP_OLDEST
}
