package io.wsconnector.cluster.redis;

/**
 * How long to wait before the next attempt to reach Redis: {@value #FIRST_MILLIS} ms, doubling after each
 * failure up to {@value #MAX_MILLIS} ms, back to the start after a success. Not thread-safe: one per loop.
 */
final class Backoff {
    static final long FIRST_MILLIS = 100;
    static final long MAX_MILLIS = 2000;

    private long next = FIRST_MILLIS;

    /** The wait before the next attempt, in milliseconds; each call doubles the following one. */
    long next() {
        long wait = next;
        next = Math.min(next * 2, MAX_MILLIS);
        return wait;
    }

    void reset() {
        next = FIRST_MILLIS;
    }
}
