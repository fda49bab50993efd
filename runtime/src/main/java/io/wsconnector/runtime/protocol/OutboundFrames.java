package io.wsconnector.runtime.protocol;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.helidon.common.buffers.DataWriter;
import io.wsconnector.runtime.CloseCodes;
import io.wsconnector.runtime.SlowConsumerPolicy;

/**
 * What one connection sends, and in what order.
 *
 * <p>Two ways in. Frames sent on the connection's own thread (replies from its handlers) are encoded into
 * the {@link FrameBatch}, one buffer written when the connection has read all the input it had, so a
 * burst of pipelined messages is answered with one write; when the batch is full, the connection's
 * thread waits for the client to take it. Frames sent from any other thread (broadcasts, other sessions,
 * schedulers) go to the {@link SendQueue}, bounded in bytes, as encoded arrays that a broadcast shares
 * among all its recipients; the sender never waits. When the queue is full the server's
 * {@link SlowConsumerPolicy} applies to this connection alone. The {@link FrameWriter} writes them, one
 * writer at a time.
 *
 * <p>Order is kept: the queue only holds frames older than the batch (a frame queued while the batch
 * holds replies first moves the batch to the queue), so what one thread sends arrives in the order it
 * sent it. Our close frame is the last: nothing is sent after it.
 *
 * <p>Asynchronous sends complete their stage when their frame is written, or fail when the connection
 * closes first; the stages are completed after the lock is released ({@link SettlingLock}). Every message
 * sent goes through {@link #send} or {@link #sendShared}: the place to count messages out.
 */
final class OutboundFrames {
    private static final byte[] SLOW_CONSUMER_REASON = "Send queue full: the client reads too slowly"
            .getBytes(StandardCharsets.UTF_8);

    private final String sessionId;
    private final Thread connectionThread;
    private final Runnable closeQueued;
    private final SettlingLock lock = new SettlingLock();
    private final FrameWriter writer;

    private volatile boolean opened;
    /** Set, under the lock, with our close frame batched or queued. */
    private volatile boolean closeSent;

    /**
     * @param sessionId        the session's id, for messages and the log
     * @param endpointPath     its endpoint's path, for the log
     * @param socket           the connection's writer
     * @param connectionThread the thread that reads the connection and calls its handlers
     * @param limits           the send-queue limit and slow-consumer policy
     * @param closeQueued      runs (under the lock) when our close frame has been batched or queued
     */
    OutboundFrames(String sessionId, String endpointPath, DataWriter socket, Thread connectionThread,
                   ConnectionLimits limits, Runnable closeQueued) {
        this.sessionId = sessionId;
        this.connectionThread = connectionThread;
        this.closeQueued = closeQueued;
        this.writer = new FrameWriter(sessionId, endpointPath, socket, connectionThread, limits, lock);
    }

    /** The 101 response is written: from now on, frames can be sent. */
    void open() {
        opened = true;
    }

    /** Whether the 101 response has been written (even if the connection is closed since). */
    boolean wasOpened() {
        return opened;
    }

    /** Whether frames can be sent: open, our close frame not sent, the connection not gone. */
    boolean isOpen() {
        return opened && !closeSent && !writer.isClosed();
    }

    /** Whether our close frame has been batched or queued. */
    boolean closeSent() {
        return closeSent;
    }

    /**
     * Sends a data or ping frame: batched on the connection's thread, queued from any other.
     *
     * @param stage completed when the frame is written, or settled when it is not; may be {@code null}
     * @throws IllegalStateException if frames cannot be sent (not open yet, or closed); {@code stage} is left alone
     * @throws UncheckedIOException  on the connection's thread, if the connection fails
     */
    void send(Opcode opcode, byte[] payload, int offset, int length, CompletableFuture<Void> stage) {
        boolean sent = Thread.currentThread() == connectionThread
                ? batch(opcode, payload, offset, length, stage)
                : enqueue(Frames.encode(opcode, payload, offset, length), stage) != Enqueued.NOT_OPEN;
        if (!sent) {
            throw new IllegalStateException(opened
                    ? "Session " + sessionId + " is closed; it cannot send"
                    : "Session " + sessionId + " is not open yet; it can send from @OnOpen on");
        }
    }

    /**
     * Sends an encoded frame shared with other recipients (a broadcast): copied into the batch on the
     * connection's thread, queued as it is from any other.
     *
     * @return {@code true} if the frame is batched or queued; {@code false} if frames can no longer be sent,
     *         or the slow-consumer policy refused it
     */
    boolean sendShared(byte[] frame) {
        return Thread.currentThread() == connectionThread
                ? batch(null, frame, 0, frame.length, null)
                : enqueue(frame, null) == Enqueued.QUEUED;
    }

    /** Answers a ping, unless our close frame has gone: nothing follows it. On the connection's thread. */
    void sendPong(byte[] payload, int length) {
        batch(Opcode.PONG, payload, 0, length, null);
    }

    /**
     * Sends our close frame, once, after everything sent before it, and runs {@code closeQueued}.
     *
     * @param statusCode the code; {@link CloseCodes#NO_STATUS_RECEIVED} sends an empty close frame
     * @param reason     the reason, in UTF-8
     * @return whether this call sent it
     */
    boolean sendClose(int statusCode, byte[] reason) {
        boolean startWriter = false;
        lock.lock();
        try {
            if (closeSent || writer.isClosed()) {
                return false;
            }
            if (Thread.currentThread() == connectionThread) {
                closeSent = true;
                byte[] payload = Frames.closePayload(statusCode, reason);
                writer.batch(0).add(Opcode.CLOSE, payload, 0, payload.length, null);
                closeQueued.run();
            } else {
                queueClose(statusCode, reason);
                startWriter = writer.startWriting();
            }
            return true;
        } finally {
            lock.unlock();
            if (startWriter) {
                writer.startWriter();
            }
        }
    }

    /**
     * On the connection's thread, when it has handled all its input: has the batch written.
     *
     * @throws UncheckedIOException if the connection fails
     */
    void flush() {
        writer.flush();
    }

    /** Waits until what is queued and batched has been written, at most this long. */
    void awaitWritten(long timeoutNanos) {
        writer.awaitWritten(timeoutNanos);
    }

    /**
     * The connection is gone: drops what is pending, sends nothing more, fails what was not written.
     *
     * @return whether a thread is still writing (stuck on a client that does not read)
     */
    boolean markClosed() {
        return writer.markClosed();
    }

    /**
     * On the connection's thread: adds a frame to the batch, first having the batch written if it is full.
     *
     * @param opcode the frame's opcode; {@code null} if {@code payload} is an encoded frame
     * @return {@code false} if frames can no longer be sent
     */
    private boolean batch(Opcode opcode, byte[] payload, int offset, int length, CompletableFuture<Void> stage) {
        lock.lock();
        try {
            FrameBatch batch = writer.batch(opcode == null ? length : length + Frames.MAX_HEADER_LENGTH);
            if (!isOpen()) { // checked after making room in the batch, which may have let go of the lock
                return false;
            }
            if (opcode == null) {
                batch.addEncoded(payload);
            } else {
                batch.add(opcode, payload, offset, length, stage);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues a frame for the writer, starting one if nobody writes; over the queue limit the policy applies.
     *
     * @return whether the frame was queued; if {@link Enqueued#NOT_OPEN}, its stage is left alone
     */
    private Enqueued enqueue(byte[] frame, CompletableFuture<Void> stage) {
        boolean startWriter;
        Enqueued outcome = Enqueued.QUEUED;
        lock.lock();
        try {
            if (!isOpen()) {
                return Enqueued.NOT_OPEN;
            }
            SendQueue queue = writer.queue();
            if (queue.fits(frame.length) || queue.makeRoom(frame.length, stage, lock)) {
                queue.add(frame, frame.length, stage == null ? null : List.of(stage), true);
            } else {
                outcome = Enqueued.REFUSED;
                if (queue.closesWhenFull()) {
                    queueClose(CloseCodes.POLICY_VIOLATION, SLOW_CONSUMER_REASON);
                }
            }
            startWriter = writer.startWriting();
        } finally {
            lock.unlock();
        }
        if (startWriter) {
            writer.startWriter();
        }
        return outcome;
    }

    /** Queues our close frame after everything queued. The lock is held. */
    private void queueClose(int statusCode, byte[] reason) {
        closeSent = true;
        byte[] payload = Frames.closePayload(statusCode, reason);
        byte[] frame = Frames.encode(Opcode.CLOSE, payload, 0, payload.length);
        writer.queue().add(frame, frame.length, null, false);
        closeQueued.run();
    }

    /** What {@link #enqueue} did with a frame. */
    private enum Enqueued {
        QUEUED,
        /** The slow-consumer policy refused it; its stage is settled. */
        REFUSED,
        /** Frames can no longer be sent. */
        NOT_OPEN
    }
}
