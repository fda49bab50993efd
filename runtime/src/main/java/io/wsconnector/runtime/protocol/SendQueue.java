package io.wsconnector.runtime.protocol;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

import io.wsconnector.runtime.SlowConsumerPolicy;

/**
 * One session's frames waiting for its writer, bounded in bytes, and the {@link SlowConsumerPolicy} that
 * applies when a frame does not fit. Not thread-safe: {@link OutboundFrames} guards it with its lock.
 */
final class SendQueue {
    /** Queued frames at least this large are written from their own (shared) array, never copied. */
    static final int DIRECT_WRITE = 8 * 1024;

    private static final System.Logger LOGGER = System.getLogger(SendQueue.class.getName());

    private final String sessionId;
    private final String endpointPath;
    private final int limit;
    private final SlowConsumerPolicy policy;
    private final ArrayDeque<Queued> frames = new ArrayDeque<>(4);
    /** Bytes queued or being written from the queue. */
    private long bytes;
    private boolean dropReported;

    /**
     * @param sessionId    the session's id, for the log
     * @param endpointPath its endpoint's path, for the log
     * @param limit        the most bytes the queue holds before the policy applies
     * @param policy       what happens when a frame does not fit
     */
    SendQueue(String sessionId, String endpointPath, int limit, SlowConsumerPolicy policy) {
        this.sessionId = sessionId;
        this.endpointPath = endpointPath;
        this.limit = limit;
        this.policy = policy;
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
                settled.settle(stage, dropped());
                return false;
            }
            case DROP_OLDEST -> {
                reportDrop();
                Iterator<Queued> oldestFirst = frames.iterator();
                while (bytes + length > limit && oldestFirst.hasNext()) {
                    Queued oldest = oldestFirst.next();
                    if (oldest.droppable) {
                        oldestFirst.remove();
                        bytes -= oldest.length;
                        settled.settleAll(oldest.stages, dropped());
                    }
                }
                return true;
            }
            default -> {
                LOGGER.log(Level.WARNING, "Session " + sessionId + " of " + endpointPath + " does not read what is "
                        + "sent to it: " + (bytes + length) + " bytes would be queued, over the limit of " + limit
                        + "; closing it with 1008 (slow-consumer policy CLOSE)");
                IllegalStateException why = new IllegalStateException("Session " + sessionId
                        + " was closed: its client read too slowly (send queue full)");
                settled.settle(stage, why);
                dropAll(why, settled);
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

    /** Bytes taken from the queue have been written (or failed): they no longer count. */
    void written(long length) {
        bytes -= length;
    }

    /** Drops every frame, failing their stages with {@code why}. */
    void dropAll(Throwable why, SettlingLock settled) {
        for (Queued frame : frames) {
            settled.settleAll(frame.stages, why);
        }
        frames.clear();
        bytes = 0;
    }

    private CancellationException dropped() {
        return new CancellationException("Dropped: the send queue of session " + sessionId + " is full");
    }

    private void reportDrop() {
        if (!dropReported) {
            dropReported = true;
            LOGGER.log(Level.WARNING, "Session " + sessionId + " of " + endpointPath + " does not read what is sent "
                    + "to it: its send queue is full (" + limit + " bytes); dropping messages (" + policy
                    + "), reported once per session");
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
