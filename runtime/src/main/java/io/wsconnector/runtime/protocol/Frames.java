package io.wsconnector.runtime.protocol;

import io.wsconnector.runtime.CloseCodes;

/**
 * Encodes the frames a server sends: whole (FIN set), unmasked (RFC 6455, section 5.2), with the
 * shortest length encoding; RSV1 marks a message compressed with permessage-deflate (RFC 7692, section 6).
 */
final class Frames {
    /** The largest payload of a control frame (RFC 6455, section 5.5). */
    static final int MAX_CONTROL_PAYLOAD = 125;
    /** The largest close reason: a control payload less the two-byte code (RFC 6455, section 5.5.1). */
    static final int MAX_CLOSE_REASON = MAX_CONTROL_PAYLOAD - 2;
    /** The most bytes a header takes: 2, plus 8 for a 64-bit length. */
    static final int MAX_HEADER_LENGTH = 10;
    /** The first byte's bit that marks a compressed message (RFC 7692, section 6: "Per-Message Compressed"). */
    static final int RSV1 = 0x40;

    private static final byte[] NO_BYTES = new byte[0];

    private Frames() {
    }

    /** Encodes a whole frame into an array of its own (a broadcast shares it among its recipients). */
    static byte[] encode(Opcode opcode, byte[] payload, int offset, int length) {
        return encode(opcode, false, payload, offset, length);
    }

    /**
     * Encodes a whole frame into an array of its own.
     *
     * @param compressed whether the payload is a compressed message's (RSV1 set)
     */
    static byte[] encode(Opcode opcode, boolean compressed, byte[] payload, int offset, int length) {
        byte[] frame = new byte[headerLength(length) + length];
        int p = writeHeader(frame, 0, opcode, compressed, length);
        System.arraycopy(payload, offset, frame, p, length);
        return frame;
    }

    /** How many bytes the header of a frame with this payload length takes. */
    static int headerLength(int length) {
        return length < 126 ? 2 : length < 65536 ? 4 : 10;
    }

    /**
     * Writes a frame header at {@code at}.
     *
     * @param compressed whether the payload is a compressed message's (RSV1 set)
     * @return where the payload goes
     */
    static int writeHeader(byte[] buffer, int at, Opcode opcode, boolean compressed, int length) {
        int p = at;
        buffer[p++] = (byte) (0x80 | (compressed ? RSV1 : 0) | opcode.code());
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
        return p;
    }

    /**
     * The payload of a close frame (RFC 6455, section 5.5.1): the code, big-endian, then the reason;
     * {@link CloseCodes#NO_STATUS_RECEIVED} gives an empty payload (the answer to
     * an empty close frame).
     */
    static byte[] closePayload(int statusCode, byte[] reason) {
        if (statusCode == CloseCodes.NO_STATUS_RECEIVED) {
            return NO_BYTES;
        }
        byte[] payload = new byte[2 + reason.length];
        payload[0] = (byte) (statusCode >>> 8);
        payload[1] = (byte) statusCode;
        System.arraycopy(reason, 0, payload, 2, reason.length);
        return payload;
    }
}
