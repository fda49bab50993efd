package io.wsconnector.runtime;

import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.SocketWriterException;
import io.wsconnector.runtime.spi.AsyncReplies;

/**
 * The server side of one connection: encodes frames into one buffer and writes them in batches.
 *
 * <p>Frames sent on the connection's own thread (replies from handlers) are written when the
 * connection has read all the input it had, so a burst of pipelined messages is answered with one
 * write; frames sent from any other thread are written at once. A lock keeps frames whole and in
 * order whichever thread sends them.
 *
 * <p>The session exists from the handshake on ({@code @OnUpgrade} stores attributes on it) but can
 * send only once the 101 response has been written ({@link #open()}). An asynchronous send completes
 * its stage when its frame is written, after the lock is released, so that what the caller chained to
 * it never runs under the lock.
 */
final class ConnectionSession implements WebSocketSession, AsyncReplies.HandlerFailures {
    static final int OPCODE_CONTINUATION = 0x0;
    static final int OPCODE_TEXT = 0x1;
    static final int OPCODE_BINARY = 0x2;
    static final int OPCODE_CLOSE = 0x8;
    static final int OPCODE_PING = 0x9;
    static final int OPCODE_PONG = 0xA;

    private static final int MAX_REASON_BYTES = 123;
    /** Pending bytes above which the connection's thread writes at once rather than at the end of its batch. */
    private static final int BATCH_LIMIT = 64 * 1024;
    /** A send buffer larger than this is dropped after use, so that idle connections stay small. */
    private static final int RETAINED_BUFFER = 64 * 1024;
    private static final int MAX_PING_PAYLOAD = 125;
    private static final System.Logger LOGGER = System.getLogger(WebSocketServer.class.getName());

    private final String id;
    private final DataWriter writer;
    private final ReentrantLock lock = new ReentrantLock();
    private final Thread connectionThread;
    private final Handshake handshake;

    private byte[] out;
    private int outLength;
    private volatile boolean opened;
    private volatile boolean closeSent;
    private volatile boolean closed;
    /** Created by the first {@link #attribute(String, Object)}: most connections never need one. */
    private volatile ConcurrentHashMap<String, Object> attributes;
    /** Where failures of handler stages and our close frame are reported; set once the connection exists. */
    private volatile WebSocketConnection connection;

    // Asynchronous sends, all guarded by the lock: those whose frames are in 'out', and those whose frames
    // were written (or failed) and whose stages are completed when the lock is released.
    private List<CompletableFuture<Void>> unwritten;
    private List<CompletableFuture<Void>> written;
    private List<CompletableFuture<Void>> failed;
    private Throwable failure;

    ConnectionSession(String id, DataWriter writer, Thread connectionThread, Handshake handshake) {
        this.id = id;
        this.writer = writer;
        this.connectionThread = connectionThread;
        this.handshake = handshake;
    }

    /** The 101 response is written: from now on, the session can send. */
    void open() {
        opened = true;
    }

    /** Routes failures of the stages handlers return, and our close frame, to this connection. */
    void connection(WebSocketConnection connection) {
        this.connection = connection;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void sendText(String text) {
        if (text == null) {
            throw new NullPointerException("text");
        }
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        sendMessage(OPCODE_TEXT, payload, 0, payload.length);
    }

    @Override
    public void sendBinary(byte[] data) {
        sendMessage(OPCODE_BINARY, data, 0, data.length);
    }

    @Override
    public void sendBinary(ByteBuffer data) {
        if (data.hasArray()) {
            sendMessage(OPCODE_BINARY, data.array(), data.arrayOffset() + data.position(), data.remaining());
        } else {
            byte[] copy = new byte[data.remaining()];
            data.duplicate().get(copy);
            sendMessage(OPCODE_BINARY, copy, 0, copy.length);
        }
    }

    private void sendMessage(int opcode, byte[] payload, int offset, int length) {
        lock.lock();
        try {
            if (!opened || closeSent || closed) {
                throw notOpen();
            }
            appendFrame(opcode, payload, offset, length);
            writeUnlessBatching();
        } finally {
            unlock();
        }
    }

    private IllegalStateException notOpen() {
        return new IllegalStateException(opened
                ? "Session " + id + " is closed; it cannot send"
                : "Session " + id + " is not open yet; it can send from @OnOpen on");
    }

    @Override
    public CompletionStage<Void> sendTextAsync(String text) {
        if (text == null) {
            throw new NullPointerException("text");
        }
        return sendAsync(OPCODE_TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public CompletionStage<Void> sendBinaryAsync(byte[] data) {
        return sendAsync(OPCODE_BINARY, Objects.requireNonNull(data, "data"));
    }

    private CompletionStage<Void> sendAsync(int opcode, byte[] payload) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        IllegalStateException refused = null;
        lock.lock();
        try {
            if (!opened || closeSent || closed) {
                refused = notOpen();
            } else {
                appendFrame(opcode, payload, 0, payload.length);
                if (unwritten == null) {
                    unwritten = new ArrayList<>(2);
                }
                unwritten.add(future);
                writeUnlessBatching();
            }
        } catch (UncheckedIOException e) {
            // the write failed: the future is failed with it when the lock is released
        } finally {
            unlock();
        }
        if (refused != null) {
            future.completeExceptionally(refused);
        }
        return future;
    }

    @Override
    public void sendPing(byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        if (payload.length > MAX_PING_PAYLOAD) {
            throw new IllegalArgumentException("A ping carries at most " + MAX_PING_PAYLOAD + " bytes, not "
                    + payload.length);
        }
        sendMessage(OPCODE_PING, payload, 0, payload.length);
    }

    @Override
    public String pathParam(String name) {
        return handshake.pathParam(name);
    }

    @Override
    public HandshakeRequest handshake() {
        return handshake;
    }

    @Override
    public Optional<String> subprotocol() {
        return handshake.subprotocol();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T attribute(String key) {
        Objects.requireNonNull(key, "key");
        ConcurrentHashMap<String, Object> map = attributes;
        return map == null ? null : (T) map.get(key);
    }

    @Override
    public void attribute(String key, Object value) {
        Objects.requireNonNull(key, "key");
        ConcurrentHashMap<String, Object> map = attributes;
        if (map == null) {
            if (value == null) {
                return;
            }
            map = createAttributes();
        }
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }

    private synchronized ConcurrentHashMap<String, Object> createAttributes() {
        ConcurrentHashMap<String, Object> map = attributes;
        if (map == null) {
            map = new ConcurrentHashMap<>(4);
            attributes = map;
        }
        return map;
    }

    @Override
    public void handlerFailed(Throwable failure) {
        WebSocketConnection target = connection;
        if (target != null) {
            target.stageFailed(failure);
        } else {
            LOGGER.log(Level.ERROR, "A handler's stage failed before session " + id + " was open", failure);
        }
    }

    @Override
    public void close(int statusCode, String reason) {
        if (!opened) {
            throw new IllegalStateException("Session " + id + " is not open yet; to refuse the connection, "
                    + "throw UpgradeRejectedException from @OnUpgrade");
        }
        if (!CloseCodes.isSendable(statusCode)) {
            throw new IllegalArgumentException("Close code " + statusCode
                    + " may not be sent; use 1000-1003, 1007-1014 or 3000-4999");
        }
        byte[] reasonBytes = (reason == null ? "" : reason).getBytes(StandardCharsets.UTF_8);
        if (reasonBytes.length > MAX_REASON_BYTES) {
            throw new IllegalArgumentException("Close reason is longer than " + MAX_REASON_BYTES + " bytes in UTF-8");
        }
        sendClose(statusCode, reasonBytes);
    }

    @Override
    public boolean isOpen() {
        return opened && !closeSent && !closed;
    }

    @Override
    public String toString() {
        return "WebSocketSession[" + id + "]";
    }

    /**
     * Sends a close frame with this code and reason, once; {@code statusCode} 1005 sends an empty
     * close frame (the answer to a client's empty one).
     *
     * @return whether this call sent it
     */
    boolean sendClose(int statusCode, byte[] reason) {
        lock.lock();
        try {
            if (closeSent || closed) {
                return false;
            }
            closeSent = true;
            if (statusCode == CloseCodes.NO_STATUS_RECEIVED) {
                appendFrame(OPCODE_CLOSE, reason, 0, 0);
            } else {
                byte[] payload = new byte[2 + reason.length];
                payload[0] = (byte) (statusCode >>> 8);
                payload[1] = (byte) statusCode;
                System.arraycopy(reason, 0, payload, 2, reason.length);
                appendFrame(OPCODE_CLOSE, payload, 0, payload.length);
            }
            WebSocketConnection target = connection;
            if (target != null) {
                target.awaitCloseAnswer();
            }
            writeUnlessBatching();
            return true;
        } finally {
            unlock();
        }
    }

    /** Answers a ping, unless our close frame has gone: nothing follows it. */
    void sendPong(byte[] payload, int length) {
        lock.lock();
        try {
            if (closeSent || closed) {
                return;
            }
            appendFrame(OPCODE_PONG, payload, 0, length);
            writeUnlessBatching();
        } finally {
            unlock();
        }
    }

    boolean closeSent() {
        return closeSent;
    }

    /** The connection is gone: drop what is pending, send nothing more. */
    void markClosed() {
        lock.lock();
        try {
            closed = true;
            out = null;
            outLength = 0;
            if (unwritten != null) {
                settleFailed(unwritten, new IllegalStateException("Session " + id
                        + " closed before the message was written"));
                unwritten = null;
            }
        } finally {
            unlock();
        }
    }

    /**
     * Writes the frames pending from the connection's thread. Stages of asynchronous sends completed by
     * this write run their dependents on this thread, and these may send: until nothing is left, write
     * again.
     */
    void flush() {
        boolean completedStages;
        do {
            lock.lock();
            try {
                writePending();
            } finally {
                completedStages = unlock();
            }
        } while (completedStages);
    }

    /**
     * Releases the lock; the outermost release completes the stages of the asynchronous sends that were
     * written or failed meanwhile, so that their dependents never run under the lock.
     *
     * @return whether any stage was completed
     */
    private boolean unlock() {
        List<CompletableFuture<Void>> done = null;
        List<CompletableFuture<Void>> broken = null;
        Throwable why = null;
        if ((written != null || failed != null) && lock.getHoldCount() == 1) {
            done = written;
            broken = failed;
            why = failure;
            written = null;
            failed = null;
            failure = null;
        }
        lock.unlock();
        if (done == null && broken == null) {
            return false;
        }
        if (done != null) {
            for (CompletableFuture<Void> future : done) {
                future.complete(null);
            }
        }
        if (broken != null) {
            for (CompletableFuture<Void> future : broken) {
                future.completeExceptionally(why);
            }
        }
        return true;
    }

    private void settleWritten(List<CompletableFuture<Void>> futures) {
        if (written == null) {
            written = futures;
        } else {
            written.addAll(futures);
        }
    }

    private void settleFailed(List<CompletableFuture<Void>> futures, Throwable why) {
        if (failed == null) {
            failed = futures;
            failure = why;
        } else {
            failed.addAll(futures);
        }
    }

    private void writeUnlessBatching() {
        if (Thread.currentThread() != connectionThread || outLength >= BATCH_LIMIT) {
            writePending();
        }
    }

    private void writePending() {
        if (outLength == 0 || closed) {
            return;
        }
        List<CompletableFuture<Void>> futures = unwritten;
        unwritten = null;
        try {
            writer.writeNow(BufferData.create(out, 0, outLength));
        } catch (SocketWriterException | UncheckedIOException e) {
            closed = true;
            UncheckedIOException error = e instanceof UncheckedIOException u ? u
                    : new UncheckedIOException(new java.io.IOException("Connection of session " + id + " failed", e));
            if (futures != null) {
                settleFailed(futures, error);
            }
            throw error;
        } finally {
            outLength = 0;
            if (out != null && out.length > RETAINED_BUFFER) {
                out = null;
            }
        }
        if (futures != null) {
            settleWritten(futures);
        }
    }

    private void appendFrame(int opcode, byte[] payload, int offset, int length) {
        int headerLength = length < 126 ? 2 : length < 65536 ? 4 : 10;
        if (outLength > 0 && outLength + headerLength + length > BATCH_LIMIT) {
            // write what is pending first: the buffer then never outgrows what it may keep
            // (RETAINED_BUFFER), so a stream of large replies does not reallocate it batch after batch
            writePending();
        }
        ensureCapacity(outLength + headerLength + length);
        byte[] buffer = out;
        int p = outLength;
        buffer[p++] = (byte) (0x80 | opcode);
        if (length < 126) {
            buffer[p++] = (byte) length;
        } else if (length < 65536) {
            buffer[p++] = 126;
            buffer[p++] = (byte) (length >>> 8);
            buffer[p++] = (byte) length;
        } else {
            buffer[p++] = 127;
            for (int shift = 56; shift >= 0; shift -= 8) {
                buffer[p++] = (byte) ((long) length >>> shift);
            }
        }
        System.arraycopy(payload, offset, buffer, p, length);
        outLength = p + length;
    }

    private void ensureCapacity(int needed) {
        if (out == null) {
            out = new byte[Math.max(256, needed)];
        } else if (out.length < needed) {
            // doubling, but not past what the buffer may keep unless one frame needs more
            byte[] larger = new byte[Math.max(needed, Math.min(out.length * 2, RETAINED_BUFFER))];
            System.arraycopy(out, 0, larger, 0, outLength);
            out = larger;
        }
    }
}
