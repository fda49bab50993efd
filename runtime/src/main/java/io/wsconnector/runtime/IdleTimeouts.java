package io.wsconnector.runtime;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds idle connections for one server: a single platform thread wakes every {@value #TICK_MILLIS} ms
 * and asks each open connection that has an idle timeout whether it has been idle too long. An idle
 * connection therefore costs no thread and no timer of its own; a timeout fires between its due time and
 * one tick later.
 */
final class IdleTimeouts {
    /** How often the connections are checked, in milliseconds. */
    static final long TICK_MILLIS = 100;
    /** The prefix of the checking thread's name. */
    static final String THREAD_NAME = "wsconnector-idle-timeouts";

    private static final System.Logger LOGGER = System.getLogger(WebSocketServer.class.getName());

    private final Set<WebSocketConnection> connections = ConcurrentHashMap.newKeySet();
    private Thread thread;

    /** Starts the checking thread, unless it runs already. */
    synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = Thread.ofPlatform()
                .name(THREAD_NAME + "-" + Integer.toHexString(System.identityHashCode(this)))
                .daemon(true)
                .start(this::run);
    }

    /** Stops the checking thread and waits (at most 5 seconds) until it has ended. */
    void stop() {
        Thread stopping;
        synchronized (this) {
            stopping = thread;
            thread = null;
        }
        if (stopping == null) {
            return;
        }
        stopping.interrupt();
        try {
            if (!stopping.join(Duration.ofSeconds(5))) {
                LOGGER.log(Level.WARNING, "The idle-timeout thread did not stop within 5 seconds");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connections.clear();
    }

    void add(WebSocketConnection connection) {
        connections.add(connection);
    }

    void remove(WebSocketConnection connection) {
        connections.remove(connection);
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            tick();
        }
    }

    private void tick() {
        long now = System.nanoTime();
        for (WebSocketConnection connection : connections) {
            try {
                connection.checkIdle(now);
            } catch (RuntimeException e) {
                // never let one connection stop the checks of all others
                LOGGER.log(Level.ERROR, "Checking a connection for its idle timeout failed", e);
            }
        }
    }
}
