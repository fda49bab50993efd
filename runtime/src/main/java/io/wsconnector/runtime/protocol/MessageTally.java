package io.wsconnector.runtime.protocol;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One connection's data messages and their payload bytes, each way: counted by the connection's own thread in
 * fields of its own, and read from there by the endpoint's {@link MessageCounts} on the server's clock.
 *
 * <p>Why: the endpoint's meters are shared by all its connections, so a count written to them is a write to
 * memory that the other cores write too. Done per message, through Helidon's counters, it added a quarter to
 * the server's CPU per echo in the bench's throughput scenario; a field that only this thread writes costs a
 * plain store ({@link AtomicLongArray#setOpaque opaque}: the collector reads whole values, never older than one
 * it has read). Messages sent to this connection from another thread (a broadcast, a scheduler) go to the
 * endpoint's shared count instead.
 */
final class MessageTally {
    /** Where each count is, in {@link #counts} and in the sums of {@link #takeInto}. */
    static final int MESSAGES_IN = 0;
    static final int BYTES_IN = 1;
    static final int MESSAGES_OUT = 2;
    static final int BYTES_OUT = 3;
    static final int COUNTS = 4;

    private final Thread owner;
    private final MessageCounts endpoint;
    /** Written by the owner only; read by the collector. {@code null} without meters: nothing is counted. */
    private final AtomicLongArray counts;
    /** What the collector has taken so far; the collector's alone. */
    private final long[] taken = new long[COUNTS];
    /** Set by the owner after its last count. */
    private volatile boolean ended;

    /**
     * @param owner    the connection's thread
     * @param endpoint the endpoint's counts, which collect this tally and count what other threads send
     */
    MessageTally(Thread owner, MessageCounts endpoint) {
        this.owner = owner;
        this.endpoint = endpoint;
        this.counts = endpoint.counting() ? new AtomicLongArray(COUNTS) : null;
    }

    /** @param payloadBytes the size of a data message received; on the connection's thread */
    void in(int payloadBytes) {
        if (counts == null) {
            return;
        }
        add(MESSAGES_IN, 1);
        add(BYTES_IN, payloadBytes);
    }

    /** @param payloadBytes the size of a data message sent, or batched or queued to be sent; on any thread */
    void out(int payloadBytes) {
        if (counts == null) {
            return;
        }
        if (Thread.currentThread() != owner) {
            endpoint.sentElsewhere(payloadBytes);
            return;
        }
        add(MESSAGES_OUT, 1);
        add(BYTES_OUT, payloadBytes);
    }

    /** The connection is open: its tally is collected from now on, until it has {@linkplain #end() ended}. */
    void start() {
        endpoint.track(this);
    }

    /** The connection has ended: its thread counts nothing more. */
    void end() {
        ended = true;
    }

    /**
     * Adds what was counted since the last time to {@code sums}, at the same indexes. By one collector at a time.
     *
     * @return whether the connection has ended and all it counted has been taken
     */
    boolean takeInto(long[] sums) {
        boolean last = ended; // read first: what was counted before the end is then in the counts
        for (int i = 0; i < COUNTS; i++) {
            long count = counts.getOpaque(i);
            sums[i] += count - taken[i];
            taken[i] = count;
        }
        return last;
    }

    /** Only the owner writes: a plain read of its own last value, an opaque write for the collector. */
    private void add(int index, long amount) {
        counts.setOpaque(index, counts.getPlain(index) + amount);
    }
}
