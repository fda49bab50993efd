package io.wsconnector.runtime.protocol;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the time for one server: a single platform thread wakes every {@value #TICK_MILLIS} ms and asks each
 * {@link Watch} whether a deadline has passed — the handshakes of the {@link ConnectionGate}, each
 * WebSocket connection's idle timeout, message timeout and slow-consumer window
 * ({@link ConnectionDeadlines}), the reports of the {@link CountedLog}. A connection therefore costs no
 * thread and no timer of its own; a deadline is acted on between its due time and one tick later.
 */
public final class ServerClock {
    /** How often the watches are asked, in milliseconds. */
    static final long TICK_MILLIS = 100;
    /** The prefix of the clock thread's name. */
    public static final String THREAD_NAME = "wsconnector-clock";

    private static final System.Logger LOGGER = System.getLogger(ServerClock.class.getName());

    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private Thread thread;

    /** Something with deadlines, asked every tick. */
    @FunctionalInterface
    public interface Watch {
        /**
         * Acts on what is due.
         *
         * @param now {@link System#nanoTime()} at this tick
         */
        void check(long now);
    }

    /**
     * A clock that does not run before {@link #start()}.
     */
    public ServerClock() {
    }

    /** Starts the clock thread, unless it runs already. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = Thread.ofPlatform()
                .name(THREAD_NAME + "-" + Integer.toHexString(System.identityHashCode(this)))
                .daemon(true)
                .start(this::run);
    }

    /** Stops the clock thread and waits (at most 5 seconds) until it has ended. */
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
                LOGGER.log(Level.WARNING, "The clock thread did not stop within 5 seconds");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watches.clear();
    }

    /** Asks {@code watch} every tick, from now on until {@link #remove}. */
    public void add(Watch watch) {
        watches.add(watch);
    }

    void remove(Watch watch) {
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
        for (Watch watch : watches) {
            try {
                watch.check(now);
            } catch (Throwable e) {
                // never let one watch stop the checks of all others, nor the clock (a class that could not be
                // loaded for want of descriptors, memory short for a moment): the next tick tries again
                LOGGER.log(Level.ERROR, "Checking a deadline failed", e);
            }
        }
    }
}
