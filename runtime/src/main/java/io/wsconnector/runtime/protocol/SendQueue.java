package io.wsconnector.runtime.protocol;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.wsconnector.runtime.SlowConsumerPolicy;

/**
 * One session's frames waiting for its writer, bounded in bytes, and the {@link SlowConsumerPolicy} that
 * applies when a frame does not fit; it also knows since when it has been over its soft limit
 * ({@link SendQueueLimits}). Not thread-safe: {@link OutboundFrames} guards it with its lock.
 */
final class SendQueue {
    /** Queued frames at least this large are written from their own (shared) array, never copied. */
    static final int DIRECT_WRITE = 8 * 1024;

    private final String sessionId;
    private final String endpointPath;
    private final int limit;
    private final SlowConsumerPolicy policy;
    /** The soft limit; {@link Long#MAX_VALUE} if none applies. */
    private final long softLimit;
    private final long softWindowNanos;
    private final EndpointMetrics metrics;
    private final CountedLog log;
    private final ArrayDeque<Queued> frames = new ArrayDeque<>(4);
    /** Bytes queued or being written from the queue. */
    private long bytes;
    /** Since when the queue has been over its soft limit without a break; 0 while it is not. */
    private long overSoftSinceNanos;
    private boolean dropReported;

    /**
     * @param sessionId    the session's id, for the log
     * @param endpointPath its endpoint's path, for the log
     * @param limits       the hard and soft limits, and the policy that applies when a frame does not fit
     * @param metrics      counts what the policy does
     * @param log          where slow consumers are counted
     */
    SendQueue(String sessionId, String endpointPath, SendQueueLimits limits, EndpointMetrics metrics, CountedLog log) {
        this.sessionId = sessionId;
        this.endpointPath = endpointPath;
        this.limit = limits.limit();
        this.policy = limits.policy();
        this.softLimit = limits.hasSoftLimit() ? limits.softLimit() : Long.MAX_VALUE;
        this.softWindowNanos = limits.softWindow().toNanos();
        this.metrics = metrics;
        this.log = log;
    }

    /**
     * Whether the queue has been over its soft limit for longer than the soft window: its client reads too
     * slowly, not just behind a burst.
     */
    boolean overSoftLimitTooLong(long now) {
        return overSoftSinceNanos != 0 && now - overSoftSinceNanos > softWindowNanos;
    }

    boolean isEmpty() {
        return frames.isEmpty();
    }

    /** Whether the policy is {@link SlowConsumerPolicy#CLOSE}: a frame that does not fit closes the connection. */
    boolean closesWhenFull() {
        return policy == SlowConsumerPolicy.CLOSE;
    }

    /** Whether a droppable frame of this length fits: a frame always fits into an empty queue. */
    boolean fits(int length) {
        return frames.isEmpty() || bytes + length <= limit;
    }

    /**
     * Adds frames at the end.
     *
     * @param droppable whether a drop policy may drop them (a moved batch or a close frame is never dropped)
     */
    void add(byte[] frame, int length, List<CompletableFuture<Void>> stages, boolean droppable) {
        frames.add(new Queued(frame, length, stages, droppable, false));
        bytes += length;
        if (bytes > softLimit && overSoftSinceNanos == 0) {
            overSoftSinceNanos = System.nanoTime();
        }
    }

    /**
     * A frame does not fit: applies the policy.
     *
     * @param stage   the frame's asynchronous send, or {@code null}
     * @param settled where the stages of dropped frames go
     * @return whether the frame may be queued now; if not, its stage is settled, and with
     *         {@link SlowConsumerPolicy#CLOSE} the queue has been emptied: the caller queues the close frame
     */
    boolean makeRoom(int length, CompletableFuture<Void> stage, SettlingLock settled) {
        switch (policy) {
            case DROP_NEWEST -> {
                reportDrop();
                metrics.dropped(1);
                settled.settle(stage, dropped());
                return false;
            }
            case DROP_OLDEST -> {
                reportDrop();
                Iterator<Queued> oldestFirst = frames.iterator();
                int dropped = 0;
                while (bytes + length > limit && oldestFirst.hasNext()) {
                    Queued oldest = oldestFirst.next();
                    if (oldest.droppable) {
                        oldestFirst.remove();
                        bytes -= oldest.length;
                        dropped++;
                        settled.settleAll(oldest.stages, dropped());
                    }
                }
                metrics.dropped(dropped);
                return true;
            }
            default -> {
                long wouldQueue = bytes + length;
                closeSlowConsumer(() -> wouldQueue + " bytes would be queued, over the limit of " + limit, settled);
                settled.settle(stage, new IllegalStateException("Session " + sessionId
                        + " was closed: its client read too slowly (send queue full)"));
                return false;
            }
        }
    }

    /**
     * Takes what to write next: several small frames at the head copied together into a buffer borrowed
     * from {@link GatherBuffers} (as many as fit), or else the head frame as it is, maybe shared. Their
     * bytes still count until {@link #written}.
     *
     * @return the frames, or {@code null} if the queue is empty
     */
    Queued take() {
        Queued head = frames.peek();
        if (head == null || head.length >= DIRECT_WRITE || frames.size() == 1) {
            return frames.poll();
        }
        byte[] buffer = GatherBuffers.borrow();
        List<CompletableFuture<Void>> stages = new ArrayList<>(0);
        int length = 0;
        while ((head = frames.peek()) != null && head.length < DIRECT_WRITE && length + head.length <= buffer.length) {
            frames.poll();
            System.arraycopy(head.bytes, 0, buffer, length, head.length);
            length += head.length;
            if (head.stages != null) {
                stages.addAll(head.stages);
            }
        }
        return new Queued(buffer, length, stages, false, true);
    }

    /**
     * The session is closed for reading too slowly (policy {@link SlowConsumerPolicy#CLOSE}): logs it, counted,
     * and drops every frame; the caller queues the close frame.
     *
     * @param why how much is queued, for the log
     */
    void closeSlowConsumer(Supplier<String> why, SettlingLock settled) {
        metrics.slowConsumerClosed();
        log.count(CountedLog.Event.SLOW_CONSUMER, () -> "Session " + sessionId + " of " + endpointPath
                + " does not read what is sent to it: " + why.get() + "; closing it with 1008 (slow-consumer policy "
                + "CLOSE)");
        dropAll(new IllegalStateException("Session " + sessionId + " was closed: its client read too slowly "
                + "(send queue full)"), settled);
    }

    /** How much is queued, and since when over the soft limit, for the log. */
    String describeOverSoftLimit(long now) {
        return bytes + " bytes have been queued, over the soft limit of " + softLimit + " for "
                + (now - overSoftSinceNanos) / 1_000_000 + " ms";
    }

    /** Bytes taken from the queue have been written (or failed): they no longer count. */
    void written(long length) {
        bytes -= length;
        if (overSoftSinceNanos != 0 && bytes <= softLimit) {
            overSoftSinceNanos = 0;
        }
    }

    /** Drops every frame, failing their stages with {@code why}. */
    void dropAll(Throwable why, SettlingLock settled) {
        for (Queued frame : frames) {
            settled.settleAll(frame.stages, why);
        }
        frames.clear();
        bytes = 0;
        overSoftSinceNanos = 0;
    }

    private CancellationException dropped() {
        return new CancellationException("Dropped: the send queue of session " + sessionId + " is full");
    }

    private void reportDrop() {
        if (!dropReported) {
            dropReported = true;
            log.count(CountedLog.Event.DROPPING, () -> "Session " + sessionId + " of " + endpointPath + " does not "
                    + "read what is sent to it: its send queue is full (" + limit + " bytes); dropping messages ("
                    + policy + ")");
        }
    }

    /**
     * Frames waiting in the queue: one encoded frame (maybe shared by a broadcast's recipients), or a
     * batch moved there whole.
     *
     * @param bytes     the frames
     * @param length    how many of the bytes to write
     * @param stages    the asynchronous sends completed when they are written; may be {@code null}
     * @param droppable whether a drop policy may drop it
     * @param pooled    whether {@code bytes} is a buffer borrowed from {@link GatherBuffers}, to give back
     */
    record Queued(byte[] bytes, int length, List<CompletableFuture<Void>> stages, boolean droppable, boolean pooled) {
    }
}
