package io.wsconnector.runtime.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.Condition;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.SocketWriterException;

/**
 * Writes one connection's frames to its socket, one writer at a time: the connection's thread when it
 * flushes its batch, or else a virtual thread started when a frame is queued and nobody writes. The
 * writer writes the {@link SendQueue} (which only holds frames older than the {@link FrameBatch}), then
 * the batch, and stops when both are empty. It holds the lock only between writes, so a stalled client
 * never blocks a sender. Every outbound byte goes through {@link #writeAll()}: the one place to count
 * bytes out.
 *
 * <p>{@link OutboundFrames} decides what is sent; this class owns the batch, the queue and whether the
 * connection is gone, guarded by the lock both share.
 */
final class FrameWriter {
    private static final ThreadFactory WRITERS = Thread.ofVirtual().name("wsconnector-writer").factory();

    private final String sessionId;
    private final String endpointPath;
    private final DataWriter socket;
    private final Thread connectionThread;
    private final SendQueueLimits limits;
    private final EndpointMetrics metrics;
    private final CountedLog log;
    private final SettlingLock lock;
    /** Signalled when a writer has taken the batch or stopped, for the connection's thread waiting on it. */
    private final Condition batchTaken;

    // guarded by the lock
    /** Created by the first frame batched. */
    private FrameBatch batch;
    /** Created by the first frame queued: most connections only ever reply from their own thread. */
    private SendQueue queue;
    private boolean writing;
    /** The thread writing, while one is: stages it completes may send on it, and must not wait for it. */
    private Thread writerThread;

    private volatile boolean closed;
    /** When the write in progress began; 0 between writes. */
    private volatile long writeStartedNanos;

    /**
     * @param sessionId        the session's id, for messages and the log
     * @param endpointPath     its endpoint's path, for the log
     * @param socket           the connection's writer
     * @param connectionThread the thread that reads the connection and calls its handlers
     * @param limits           the send queue's limits and slow-consumer policy
     * @param metrics          counts what the slow-consumer policy does
     * @param log              where slow consumers are counted
     * @param lock             guards the batch and the queue
     */
    FrameWriter(String sessionId, String endpointPath, DataWriter socket, Thread connectionThread,
                SendQueueLimits limits, EndpointMetrics metrics, CountedLog log, SettlingLock lock) {
        this.sessionId = sessionId;
        this.endpointPath = endpointPath;
        this.socket = socket;
        this.connectionThread = connectionThread;
        this.limits = limits;
        this.metrics = metrics;
        this.log = log;
        this.lock = lock;
        this.batchTaken = lock.newCondition();
    }

    /** Whether the connection is gone (or failed): nothing is written any more. */
    boolean isClosed() {
        return closed;
    }

    /**
     * On the connection's thread, before batching {@code needed} more bytes: if the batch would pass its
     * limit, has it written first — by this thread if nobody writes, else by waiting until the writer takes
     * it. The lock is held once; it may be let go of meanwhile.
     *
     * @return the batch
     */
    FrameBatch batch(int needed) {
        while (batch != null && batch.isFullFor(needed) && !closed && writerThread != Thread.currentThread()) {
            if (writing) {
                batchTaken.awaitUninterruptibly();
            } else {
                writing = true;
                lock.unlock();
                try {
                    writeAll();
                } finally {
                    lock.lock();
                }
            }
        }
        if (batch == null) {
            batch = new FrameBatch();
        }
        return batch;
    }

    /**
     * The queue, created if need be, after the batch has been moved, as it is, to its end: the batch's
     * replies were sent before what is queued next, so they go first. The lock is held.
     */
    SendQueue queue() {
        if (queue == null) {
            queue = new SendQueue(sessionId, endpointPath, limits, metrics, log);
        }
        if (batch != null && !batch.isEmpty()) {
            queue.add(batch.bytes(), batch.length(), batch.stages(), false);
            batch.clear();
        }
        return queue;
    }

    /** The queue as it is, {@code null} if nothing was ever queued. The lock is held. */
    SendQueue queueIfAny() {
        return queue;
    }

    /**
     * If nobody writes and something is queued, the caller becomes the writer: it calls
     * {@link #startWriter()} once it has released the lock. The lock is held.
     */
    boolean startWriting() {
        if (writing || queue.isEmpty()) {
            return false;
        }
        writing = true;
        return true;
    }

    /** Starts a virtual thread to write what is queued: no sender waits for a slow client. */
    void startWriter() {
        WRITERS.newThread(this::writeAll).start();
    }

    /**
     * On the connection's thread, when it has handled all its input: writes the batch (after the queue).
     * If another thread is writing, waits until that writer has taken the batch, so that what was batched
     * is on its way before the connection reads on, just as if this thread wrote it.
     *
     * @throws UncheckedIOException if the connection fails
     */
    void flush() {
        lock.lock();
        try {
            if (closed || (batchIsEmpty() && (queue == null || queue.isEmpty()))) {
                return;
            }
            if (writing) {
                while (!batchIsEmpty() && writing && !closed) {
                    batchTaken.awaitUninterruptibly();
                }
                if (batchIsEmpty() || closed) {
                    return;
                }
            }
            writing = true;
        } finally {
            lock.unlock();
        }
        writeAll();
    }

    /**
     * Waits until what is queued and batched has been written (or the connection failed), at most this
     * long: for our close frame, before the connection is torn down.
     */
    void awaitWritten(long timeoutNanos) {
        lock.lock();
        try {
            long left = timeoutNanos;
            while (writing && !closed && left > 0) {
                left = batchTaken.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The connection is gone: drops what is pending, writes nothing more, fails what was not written.
     *
     * @return whether a thread is still writing (stuck on a client that does not read)
     */
    boolean markClosed() {
        lock.lock();
        try {
            closed = true;
            IllegalStateException why = new IllegalStateException("Session " + sessionId
                    + " closed before the message was written");
            if (batch != null) {
                lock.settleAll(batch.stages(), why);
                batch = null;
            }
            if (queue != null) {
                queue.dropAll(why, lock);
                queue = null;
            }
            batchTaken.signalAll();
            return writing;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The writer: writes the queue, then the batch, until both are empty. Holds the lock only between
     * writes. {@code writing} was set by the caller.
     *
     * @throws UncheckedIOException on the connection's thread, if the connection fails
     */
    private void writeAll() {
        while (true) {
            byte[] bytes;
            int length;
            List<CompletableFuture<Void>> stages;
            boolean fromBatch = false;
            boolean pooled = false;
            lock.lock();
            try {
                writerThread = Thread.currentThread();
                SendQueue.Queued next = closed || queue == null ? null : queue.take();
                if (next != null) {
                    bytes = next.bytes();
                    length = next.length();
                    stages = next.stages();
                    pooled = next.pooled();
                } else if (!batchIsEmpty() && !closed) {
                    bytes = batch.bytes();
                    length = batch.length();
                    stages = batch.stages();
                    batch.clear();
                    fromBatch = true;
                    batchTaken.signalAll();
                } else {
                    writing = false;
                    writerThread = null;
                    batchTaken.signalAll();
                    return;
                }
            } finally {
                lock.unlock();
            }
            UncheckedIOException failure = write(bytes, length);
            if (pooled) {
                GatherBuffers.giveBack(bytes); // no connection keeps it: idle connections stay small
            }
            lock.lock();
            try {
                if (queue != null && !fromBatch) {
                    queue.written(length);
                }
                if (failure != null) {
                    lock.settleAll(stages, new IllegalStateException("The connection of session " + sessionId
                            + " failed while the message was written", failure));
                    closed = true;
                    writing = false;
                    writerThread = null;
                    batchTaken.signalAll();
                    if (Thread.currentThread() == connectionThread) {
                        throw failure;
                    }
                    return;
                }
                lock.settleAll(stages, null);
                if (fromBatch && batch != null) {
                    batch.recycle(bytes); // keep the buffer for the next batch
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** @return {@code null}, or why the connection failed */
    private UncheckedIOException write(byte[] bytes, int length) {
        writeStartedNanos = System.nanoTime();
        try {
            socket.writeNow(BufferData.create(bytes, 0, length));
            return null;
        } catch (UncheckedIOException | SocketWriterException e) {
            return new ConnectionFailedException("The connection of session " + sessionId + " failed",
                    e instanceof UncheckedIOException unchecked ? unchecked.getCause() : new IOException(e));
        } finally {
            writeStartedNanos = 0;
        }
    }

    /**
     * Since when the write in progress has waited for the client, in {@link System#nanoTime()}; 0 if no
     * write is in progress.
     */
    long writeStartedNanos() {
        return writeStartedNanos;
    }

    private boolean batchIsEmpty() {
        return batch == null || batch.isEmpty();
    }
}
