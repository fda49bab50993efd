package io.wsconnector.runtime.protocol;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.helidon.common.buffers.DataWriter;
import io.wsconnector.runtime.CloseCodes;
import io.wsconnector.runtime.SlowConsumerPolicy;
import io.wsconnector.runtime.deflate.MessageDeflater;

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
 * <p>With permessage-deflate (RFC 7692), data messages from the threshold up are compressed. A
 * {@linkplain MessageDeflater#isShared() shared} deflater (no context kept) compresses before the lock is
 * taken; a deflater that keeps the context compresses under the lock, in the same turn as the frame is
 * batched or queued, so messages are compressed in the order they go out, which is the order the client
 * inflates them in.
 *
 * <p>Asynchronous sends complete their stage when their frame is written, or fail when the connection
 * closes first; the stages are completed after the lock is released ({@link SettlingLock}). Every message
 * sent goes through {@link #send} or {@link #sendBroadcast}: the place to count messages out.
 */
final class OutboundFrames {
    private static final byte[] SLOW_CONSUMER_REASON = "Send queue full: the client reads too slowly"
            .getBytes(StandardCharsets.UTF_8);

    private final String sessionId;
    private final Thread connectionThread;
    private final Runnable closeQueued;
    private final MessageTally tally;
    private final SettlingLock lock = new SettlingLock();
    private final FrameWriter writer;
    /** Compresses data messages; {@code null} without permessage-deflate. */
    private final MessageDeflater deflater;

    private volatile boolean opened;
    /** Set, under the lock, with our close frame batched or queued. */
    private volatile boolean closeSent;

    /**
     * @param sessionId        the session's id, for messages and the log
     * @param endpointPath     its endpoint's path, for the log
     * @param socket           the connection's writer
     * @param connectionThread the thread that reads the connection and calls its handlers
     * @param limits           the send queue's limits and slow-consumer policy
     * @param metrics          counts what the slow-consumer policy does
     * @param tally            counts the messages sent
     * @param log              where slow consumers are counted
     * @param closeQueued      runs (under the lock) when our close frame has been batched or queued
     * @param deflater         compresses data messages; {@code null} without permessage-deflate
     */
    OutboundFrames(String sessionId, String endpointPath, DataWriter socket, Thread connectionThread,
                   SendQueueLimits limits, EndpointMetrics metrics, MessageTally tally, CountedLog log,
                   Runnable closeQueued, MessageDeflater deflater) {
        this.sessionId = sessionId;
        this.connectionThread = connectionThread;
        this.closeQueued = closeQueued;
        this.tally = tally;
        this.writer = new FrameWriter(sessionId, endpointPath, socket, connectionThread, limits, metrics, log, lock);
        this.deflater = deflater;
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
        Enqueued outcome;
        if (deflater == null || opcode == Opcode.PING) {
            outcome = place(opcode, false, payload, offset, length, stage);
        } else if (deflater.isShared()) {
            outcome = placeCompressed(opcode, deflater.compress(payload, offset, length), payload, offset, length, stage);
        } else {
            outcome = compressInOrder(opcode, payload, offset, length, stage);
        }
        if (outcome == Enqueued.QUEUED && opcode != Opcode.PING) {
            tally.out(length);
        }
        if (outcome == Enqueued.NOT_OPEN) {
            throw new IllegalStateException(opened
                    ? "Session " + sessionId + " is closed; it cannot send"
                    : "Session " + sessionId + " is not open yet; it can send from @OnOpen on");
        }
    }

    /**
     * Sends one message of a broadcast: the frame it shares with the other recipients that send it the
     * same way (copied into the batch on the connection's thread, queued as it is from any other), or,
     * if this connection keeps a compression context, compressed for this connection alone.
     *
     * @return {@code true} if the frame is batched or queued; {@code false} if frames can no longer be sent,
     *         or the slow-consumer policy refused it
     */
    boolean sendBroadcast(BroadcastMessage message) {
        boolean sent;
        if (deflater != null && !deflater.isShared()) {
            byte[] payload = message.payload();
            sent = compressInOrder(message.opcode(), payload, 0, payload.length, null) == Enqueued.QUEUED;
        } else {
            byte[] frame = message.frame(deflater);
            sent = Thread.currentThread() == connectionThread
                    ? batch(null, false, frame, 0, frame.length, null) == Enqueued.QUEUED
                    : enqueue(frame, null) == Enqueued.QUEUED;
        }
        if (sent) {
            tally.out(message.payload().length);
        }
        return sent;
    }

    /** Answers a ping, unless our close frame has gone: nothing follows it. On the connection's thread. */
    void sendPong(byte[] payload, int length) {
        batch(Opcode.PONG, false, payload, 0, length, null);
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
                writer.batch(0).add(Opcode.CLOSE, false, payload, 0, payload.length, null);
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
     * The clock's tick: closes the session with 1008 if its send queue has been over the soft limit for
     * longer than the soft window (its client reads too slowly, not just behind a burst).
     */
    void checkSendQueue(long now) {
        lock.lock();
        try {
            SendQueue queue = writer.queueIfAny();
            if (queue == null || !isOpen() || !queue.overSoftLimitTooLong(now)) {
                return;
            }
            queue.closeSlowConsumer(() -> queue.describeOverSoftLimit(now), lock);
        } finally {
            lock.unlock();
        }
        sendClose(CloseCodes.POLICY_VIOLATION, SLOW_CONSUMER_REASON);
    }

    /**
     * Since when the write in progress has waited for the client, in {@link System#nanoTime()}; 0 if no
     * write is in progress.
     */
    long writeStartedNanos() {
        return writer.writeStartedNanos();
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
        boolean writing = writer.markClosed();
        if (deflater != null) {
            lock.lock(); // after any compression in progress under it
            try {
                deflater.release();
            } finally {
                lock.unlock();
            }
        }
        return writing;
    }

    /**
     * Batches a frame on the connection's thread, queues it from any other.
     *
     * @param compressed whether the payload is a compressed message's (RSV1 set)
     */
    private Enqueued place(Opcode opcode, boolean compressed, byte[] payload, int offset, int length,
                           CompletableFuture<Void> stage) {
        return Thread.currentThread() == connectionThread
                ? batch(opcode, compressed, payload, offset, length, stage)
                : enqueue(Frames.encode(opcode, compressed, payload, offset, length), stage);
    }

    /** Places a message compressed to {@code compressed}, or as it is if that is {@code null} (under the threshold). */
    private Enqueued placeCompressed(Opcode opcode, byte[] compressed, byte[] payload, int offset, int length,
                                     CompletableFuture<Void> stage) {
        return compressed == null ? place(opcode, false, payload, offset, length, stage)
                : place(opcode, true, compressed, 0, compressed.length, stage);
    }

    /**
     * With context takeover: compresses the message and places it in one turn of the lock, so that no other
     * message is compressed in between. On the connection's thread, room is made in the batch first, for
     * as much as the message could compress to: making room may let go of the lock, which must not happen
     * between compressing and batching.
     */
    private Enqueued compressInOrder(Opcode opcode, byte[] payload, int offset, int length,
                                     CompletableFuture<Void> stage) {
        lock.lock();
        try {
            if (Thread.currentThread() == connectionThread) {
                // DEFLATE adds at most 5 bytes per stored block of 16 KiB, and a few to flush
                writer.batch(length + (length >> 10) + 64 + Frames.MAX_HEADER_LENGTH);
            }
            if (!isOpen()) { // a message compressed but never sent would leave the client's context behind
                return Enqueued.NOT_OPEN;
            }
            return placeCompressed(opcode, deflater.compress(payload, offset, length), payload, offset, length, stage);
        } finally {
            lock.unlock();
        }
    }

    /**
     * On the connection's thread: adds a frame to the batch, first having the batch written if it is full.
     *
     * @param opcode the frame's opcode; {@code null} if {@code payload} is an encoded frame
     * @return {@link Enqueued#QUEUED}, or {@link Enqueued#NOT_OPEN} if frames can no longer be sent
     */
    private Enqueued batch(Opcode opcode, boolean compressed, byte[] payload, int offset, int length,
                           CompletableFuture<Void> stage) {
        lock.lock();
        try {
            FrameBatch batch = writer.batch(opcode == null ? length : length + Frames.MAX_HEADER_LENGTH);
            if (!isOpen()) { // checked after making room in the batch, which may have let go of the lock
                return Enqueued.NOT_OPEN;
            }
            if (opcode == null) {
                batch.addEncoded(payload);
            } else {
                batch.add(opcode, compressed, payload, offset, length, stage);
            }
            return Enqueued.QUEUED;
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
