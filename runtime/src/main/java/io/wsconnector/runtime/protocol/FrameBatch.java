package io.wsconnector.runtime.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The frames a connection's own thread sends (its handlers' replies), encoded one after the other into a
 * buffer that is written in one go when the connection has handled its input. Not thread-safe:
 * {@link OutboundFrames} guards it with its lock.
 */
final class FrameBatch {
    /** Batched bytes above which the connection's thread writes before it batches more. */
    static final int LIMIT = 64 * 1024;
    /** A buffer larger than this is dropped after use, so that idle connections stay small. */
    private static final int RETAINED_BUFFER = 64 * 1024;

    private byte[] buffer;
    private int length;
    /** The asynchronous sends among the frames, completed when they are written. */
    private List<CompletableFuture<Void>> stages;

    boolean isEmpty() {
        return length == 0;
    }

    /** Whether {@code needed} more bytes would take a non-empty batch past its limit. */
    boolean isFullFor(int needed) {
        return length > 0 && length + needed > LIMIT;
    }

    /**
     * Encodes a frame at the end.
     *
     * @param compressed whether the payload is a compressed message's (RSV1 set)
     * @param stage      completed when the frame is written; may be {@code null}
     */
    void add(Opcode opcode, boolean compressed, byte[] payload, int offset, int count, CompletableFuture<Void> stage) {
        ensureCapacity(length + Frames.headerLength(count) + count);
        int p = Frames.writeHeader(buffer, length, opcode, compressed, count);
        System.arraycopy(payload, offset, buffer, p, count);
        length = p + count;
        if (stage != null) {
            if (stages == null) {
                stages = new ArrayList<>(2);
            }
            stages.add(stage);
        }
    }

    /** Copies an encoded frame at the end. */
    void addEncoded(byte[] frame) {
        ensureCapacity(length + frame.length);
        System.arraycopy(frame, 0, buffer, length, frame.length);
        length += frame.length;
    }

    /** The buffer holding the frames, until {@link #clear()}. */
    byte[] bytes() {
        return buffer;
    }

    /** How many bytes of {@link #bytes()} are frames. */
    int length() {
        return length;
    }

    /** The stages of the frames, or {@code null} if none. */
    List<CompletableFuture<Void>> stages() {
        return stages;
    }

    /** Forgets the frames: whoever took {@link #bytes()} and {@link #stages()} owns them now. */
    void clear() {
        buffer = null;
        length = 0;
        stages = null;
    }

    /** Takes back a buffer written from, for the next batch, unless it is large or a new one exists. */
    void recycle(byte[] written) {
        if (buffer == null && written.length <= RETAINED_BUFFER) {
            buffer = written;
        }
    }

    private void ensureCapacity(int needed) {
        if (buffer == null) {
            buffer = new byte[Math.max(256, needed)];
        } else if (buffer.length < needed) {
            // doubling, but not past what the buffer may keep unless one frame needs more
            byte[] larger = new byte[Math.max(needed, Math.min(buffer.length * 2, RETAINED_BUFFER))];
            System.arraycopy(buffer, 0, larger, 0, length);
            buffer = larger;
        }
    }
}
