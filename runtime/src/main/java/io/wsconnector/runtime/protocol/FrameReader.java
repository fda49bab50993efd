package io.wsconnector.runtime.protocol;

import io.helidon.common.buffers.DataReader;
import io.wsconnector.runtime.CloseCodes;

/**
 * Reads client frames from Helidon's {@link DataReader}, one header and then its payload at a time, and
 * enforces the rules of a frame on its own (RFC 6455, section 5): masked, no reserved bit, no reserved
 * opcode, control frames whole and at most 125 bytes. What frames mean together (fragments, the size of
 * a message) is the {@link MessageAssembler}'s.
 *
 * <p>The header of the current frame is kept in this reader's fields rather than returned as an object,
 * so that reading a frame allocates nothing. With permessage-deflate negotiated, RSV1 is allowed on the
 * first frame of a data message, where it marks the message compressed (RFC 7692, section 6).
 */
final class FrameReader {
    private final DataReader reader;
    /** Whether permessage-deflate was negotiated: RSV1 may mark a message compressed. */
    private final boolean compressionAgreed;

    private boolean fin;
    private boolean compressed;
    private long length;
    private int mask;
    /** How many payload bytes of the current frame were read or skipped: where the mask stands. */
    private long done;

    /** When the last input arrived: a frame's header, or a part of a long payload arriving slowly. */
    private volatile long lastInputNanos = System.nanoTime();
    /** Whether the reader waits for the client (nothing is buffered). */
    private volatile boolean waiting;

    FrameReader(DataReader reader) {
        this(reader, false);
    }

    /**
     * @param compressionAgreed whether permessage-deflate was negotiated
     */
    FrameReader(DataReader reader, boolean compressionAgreed) {
        this.reader = reader;
        this.compressionAgreed = compressionAgreed;
    }

    /** Whether every byte received so far has been read: the next read waits for the client. */
    boolean inputDrained() {
        return reader.available() == 0;
    }

    /** Whether the reader is waiting for the client now. */
    boolean isWaiting() {
        return waiting;
    }

    /** When input last arrived, in {@link System#nanoTime()}. */
    long lastInputNanos() {
        return lastInputNanos;
    }

    /**
     * Reads the next frame's header, waiting for it, and checks it. The previous frame's payload must have
     * been read or skipped.
     *
     * @return the frame's opcode
     * @throws ProtocolViolation (1002) if the frame breaks a rule
     * @throws DataReader.InsufficientDataAvailableException if the client closed the connection
     */
    Opcode next() {
        waiting = true;
        int first = reader.read() & 0xFF;
        int second = reader.read() & 0xFF;
        long payloadLength = second & 0x7F;
        if (payloadLength == 126) {
            payloadLength = ((reader.read() & 0xFF) << 8) | (reader.read() & 0xFF);
        } else if (payloadLength == 127) {
            payloadLength = 0;
            for (int i = 0; i < 8; i++) {
                payloadLength = (payloadLength << 8) | (reader.read() & 0xFF);
            }
        }
        if ((first & 0x70) != 0 && (!compressionAgreed || (first & 0x70) != Frames.RSV1)) {
            throw violation("Reserved bits set without an extension");
        }
        if ((second & 0x80) == 0) {
            throw violation("Client frames must be masked");
        }
        if (payloadLength < 0) {
            throw violation("Frame length over 2^63");
        }
        mask = ((reader.read() & 0xFF) << 24) | ((reader.read() & 0xFF) << 16)
                | ((reader.read() & 0xFF) << 8) | (reader.read() & 0xFF);
        waiting = false;
        lastInputNanos = System.nanoTime();
        fin = (first & 0x80) != 0;
        compressed = (first & Frames.RSV1) != 0;
        length = payloadLength;
        done = 0;
        Opcode opcode = Opcode.of(first);
        if (opcode == null) {
            throw violation("Reserved opcode " + (first & 0x0F));
        }
        if (compressed && (opcode.isControl() || opcode == Opcode.CONTINUATION)) {
            // RFC 7692, section 6.1: only the first frame of a data message may say it is compressed
            throw violation("RSV1 set on a " + (opcode.isControl() ? "control" : "continuation") + " frame");
        }
        if (opcode.isControl()) {
            if (!fin) {
                throw violation("Control frames must not be fragmented");
            }
            if (payloadLength > Frames.MAX_CONTROL_PAYLOAD) {
                throw violation("Control frame payload over 125 bytes");
            }
        }
        return opcode;
    }

    /** Whether the current frame is the last of its message. */
    boolean fin() {
        return fin;
    }

    /** Whether the current frame starts a compressed message (RSV1, only if permessage-deflate was negotiated). */
    boolean compressed() {
        return compressed;
    }

    /** The payload length the current frame's header announced. */
    long length() {
        return length;
    }

    /** How many payload bytes of the current frame are still to be read. */
    long remaining() {
        return length - done;
    }

    /**
     * Waits for input if none is buffered.
     *
     * @return how many of the current frame's remaining payload bytes can be read now, at least 1 if any
     *         remain
     */
    int awaitPayload() {
        long remaining = length - done;
        if (remaining == 0) {
            return 0;
        }
        if (reader.available() == 0) {
            waiting = true;
            reader.pullData();
            waiting = false;
            lastInputNanos = System.nanoTime(); // a long frame arriving slowly is not idleness
        }
        return (int) Math.min(reader.available(), remaining);
    }

    /**
     * Reads {@code count} payload bytes, no more than {@link #awaitPayload()} said are there, into
     * {@code target}, unmasked.
     */
    void readPayload(byte[] target, int offset, int count) {
        reader.readBuffer(count).read(target, offset, count);
        Masking.unmask(target, offset, count, mask, done);
        done += count;
    }

    /** Reads the rest of the current (control) frame's payload into {@code target}, from its start. */
    void readWhole(byte[] target) {
        int count;
        while ((count = awaitPayload()) > 0) {
            readPayload(target, (int) done, count);
        }
    }

    /** Skips the rest of the current frame's payload. */
    void skipPayload() {
        int count;
        while ((count = awaitPayload()) > 0) {
            reader.skip(count);
            done += count;
        }
    }

    private static ProtocolViolation violation(String message) {
        return new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, message);
    }
}
