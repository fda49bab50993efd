package io.wsconnector.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * What hand-written dispatchers saw, in order, as short strings ("open", "text:hi", "close:1000"); tests
 * wait for them, at most {@value #TIMEOUT_SECONDS} seconds each.
 */
final class Events {
    static final long TIMEOUT_SECONDS = 10;

    private final BlockingQueue<String> pending = new LinkedBlockingQueue<>();
    private final List<String> all = new ArrayList<>();

    void add(String event) {
        synchronized (all) {
            all.add(event);
        }
        pending.add(event);
    }

    /** Waits for the next event, which must be this one. */
    void expect(String expected) throws InterruptedException {
        assertEquals(expected, next(), () -> "all events: " + all());
    }

    /** Waits for the next event. */
    String next() throws InterruptedException {
        String event = pending.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(event, () -> "no event within " + TIMEOUT_SECONDS + " s; so far: " + all());
        return event;
    }

    /** Waits for the next event that starts with this prefix, skipping others. */
    String nextStartingWith(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            long left = deadline - System.nanoTime();
            String event = left > 0 ? pending.poll(left, TimeUnit.NANOSECONDS) : null;
            assertNotNull(event, () -> "no event starting with '" + prefix + "' within " + TIMEOUT_SECONDS
                    + " s; so far: " + all());
            if (event.startsWith(prefix)) {
                return event;
            }
        }
    }

    /** Fails if an event arrives within this time. */
    void expectNothingFor(long millis) throws InterruptedException {
        String event = pending.poll(millis, TimeUnit.MILLISECONDS);
        assertEquals(null, event, () -> "unexpected event; all: " + all());
    }

    /** Forgets the events not taken yet. */
    void clear() {
        pending.clear();
    }

    List<String> all() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }
}
