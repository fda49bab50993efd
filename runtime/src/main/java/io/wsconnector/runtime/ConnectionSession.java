package io.wsconnector.runtime;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.SocketWriterException;

/**
 * The server side of one connection: encodes frames into one buffer and writes them in batches.
 *
 * <p>Frames sent on the connection's own thread (replies from handlers) are written when the
 * connection has read all the input it had, so a burst of pipelined messages is answered with one
 * write; frames sent from any other thread are written at once. A lock keeps frames whole and in
 * order whichever thread sends them.
 */
final class ConnectionSession implements WebSocketSession {
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

    private final String id;
    private final DataWriter writer;
    private final ReentrantLock lock = new ReentrantLock();
    private final Thread connectionThread;

    private Runnable afterCloseSent = () -> { };
    private byte[] out;
    private int outLength;
    private volatile boolean closeSent;
    private volatile boolean closed;
    private int closeCodeSent;

    ConnectionSession(String id, DataWriter writer, Thread connectionThread) {
        this.id = id;
        this.writer = writer;
        this.connectionThread = connectionThread;
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
            if (closeSent || closed) {
                throw new IllegalStateException("Session " + id + " is closed; it cannot send");
            }
            appendFrame(opcode, payload, offset, length);
            writeUnlessBatching();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close(int statusCode, String reason) {
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
        return !closeSent && !closed;
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
            closeCodeSent = statusCode;
            if (statusCode == CloseCodes.NO_STATUS_RECEIVED) {
                appendFrame(OPCODE_CLOSE, reason, 0, 0);
            } else {
                byte[] payload = new byte[2 + reason.length];
                payload[0] = (byte) (statusCode >>> 8);
                payload[1] = (byte) statusCode;
                System.arraycopy(reason, 0, payload, 2, reason.length);
                appendFrame(OPCODE_CLOSE, payload, 0, payload.length);
            }
            afterCloseSent.run();
            writeUnlessBatching();
            return true;
        } finally {
            lock.unlock();
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
            lock.unlock();
        }
    }

    /** Runs once, right after our close frame is queued (the connection starts waiting for the answer). */
    void afterCloseSent(Runnable action) {
        this.afterCloseSent = action;
    }

    boolean closeSent() {
        return closeSent;
    }

    int closeCodeSent() {
        return closeCodeSent;
    }

    /** The connection is gone: drop what is pending, send nothing more. */
    void markClosed() {
        lock.lock();
        try {
            closed = true;
            out = null;
            outLength = 0;
        } finally {
            lock.unlock();
        }
    }

    /** Writes the frames pending from the connection's thread. */
    void flush() {
        lock.lock();
        try {
            writePending();
        } finally {
            lock.unlock();
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
        try {
            writer.writeNow(BufferData.create(out, 0, outLength));
        } catch (SocketWriterException | UncheckedIOException e) {
            closed = true;
            throw e instanceof UncheckedIOException u ? u
                    : new UncheckedIOException(new java.io.IOException("Connection of session " + id + " failed", e));
        } finally {
            outLength = 0;
            if (out != null && out.length > RETAINED_BUFFER) {
                out = null;
            }
        }
    }

    private void appendFrame(int opcode, byte[] payload, int offset, int length) {
        int headerLength = length < 126 ? 2 : length < 65536 ? 4 : 10;
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
            byte[] larger = new byte[Math.max(needed, out.length * 2)];
            System.arraycopy(out, 0, larger, 0, outLength);
            out = larger;
        }
    }

    // ---- endpoint model (issue 3): to be implemented by the runtime work ----

    @Override
    public java.util.concurrent.CompletionStage<Void> sendTextAsync(String text) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public java.util.concurrent.CompletionStage<Void> sendBinaryAsync(byte[] data) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public void sendPing(byte[] payload) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public String pathParam(String name) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public HandshakeRequest handshake() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public java.util.Optional<String> subprotocol() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public <T> T attribute(String key) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public void attribute(String key, Object value) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
