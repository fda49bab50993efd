package io.wsconnector.runtime.protocol;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds idle connections for one server: a single platform thread wakes every {@value #TICK_MILLIS} ms
 * and asks the {@link IdleWatch} of each open connection that has an idle timeout whether it has been
 * idle too long. An idle connection therefore costs no thread and no timer of its own; a timeout fires
 * between its due time and one tick later.
 */
public final class IdleTimeouts {
    /** How often the connections are checked, in milliseconds. */
    static final long TICK_MILLIS = 100;
    /** The prefix of the checking thread's name. */
    public static final String THREAD_NAME = "wsconnector-idle-timeouts";

    private static final System.Logger LOGGER = System.getLogger(IdleTimeouts.class.getName());

    private final Set<IdleWatch> watches = ConcurrentHashMap.newKeySet();
    private Thread thread;

    /**
     * A checker that does not run before {@link #start()}.
     */
    public IdleTimeouts() {
    }

    /** Starts the checking thread, unless it runs already. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = Thread.ofPlatform()
                .name(THREAD_NAME + "-" + Integer.toHexString(System.identityHashCode(this)))
                .daemon(true)
                .start(this::run);
    }

    /** Stops the checking thread and waits (at most 5 seconds) until it has ended. */
    public void stop() {
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
        watches.clear();
    }

    void add(IdleWatch watch) {
        watches.add(watch);
    }

    void remove(IdleWatch watch) {
        watches.remove(watch);
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
        for (IdleWatch watch : watches) {
            try {
                watch.check(now);
            } catch (RuntimeException e) {
                // never let one connection stop the checks of all others
                LOGGER.log(Level.ERROR, "Checking a connection for its idle timeout failed", e);
            }
        }
    }
}
