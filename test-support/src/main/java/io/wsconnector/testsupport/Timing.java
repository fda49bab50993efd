package io.wsconnector.testsupport;

import java.time.Duration;

/**
 * Checks when something happened, measured with {@link System#nanoTime()}, against when it should have: never
 * early, which is what a timing test proves (a timer counts from the right moment, a frame restarts it), and late
 * by at most {@link #LATE}, which only proves that it happens at all in reasonable time.
 */
public final class Timing {
    /**
     * How late an event may be: generous, because a loaded 2-core machine (builds running side by side, a
     * garbage collection) can hold any thread back by seconds, and a bound tighter than the machine's worst
     * delay makes a test fail for the machine rather than for the code.
     */
    public static final Duration LATE = Duration.ofSeconds(5);

    private Timing() {
    }

    /**
     * Fails unless {@code endNanos - startNanos} is at least {@code expected} and at most {@code expected} +
     * {@link #LATE}.
     */
    public static void assertAfter(String what, Duration expected, long startNanos, long endNanos) {
        assertAfter(what, expected, Duration.ZERO, startNanos, endNanos);
    }

    /**
     * Like {@link #assertAfter(String, Duration, long, long)}, but the event may seem {@code early} ahead of time:
     * for a test whose clock starts a little after the one it measures (e.g. after the connection was set up).
     */
    public static void assertAfter(String what, Duration expected, Duration early, long startNanos, long endNanos) {
        Duration elapsed = Duration.ofNanos(endNanos - startNanos);
        if (elapsed.compareTo(expected.minus(early)) < 0 || elapsed.compareTo(expected.plus(LATE)) > 0) {
            throw new AssertionError(what + " after " + elapsed.toMillis() + " ms, not within " + expected.toMillis()
                    + " ms" + (early.isZero() ? "" : " - " + early.toMillis() + " ms") + " and " + expected.toMillis()
                    + " ms + " + LATE.toMillis() + " ms");
        }
    }
}
