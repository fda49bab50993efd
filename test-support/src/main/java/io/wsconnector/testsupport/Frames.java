package io.wsconnector.testsupport;

import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;

/**
 * WebSocket frames built byte by byte (RFC 6455, section 5.2), with every bit chosen by the test: FIN, RSV and
 * opcode in the first byte, masked or not, any length field. What {@link RawWebSocketClient} sends, and what a
 * test writes with {@link RawWebSocketClient#writeRaw} when it needs partial, glued or malformed frames.
 */
public final class Frames {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Frames() {
    }

    /**
     * One frame as a client would encode it, but with every bit chosen: {@code firstByte} holds FIN, RSV and the
     * opcode as they go on the wire; {@code masked} says whether the MASK bit is set and the payload masked with a
     * random key; the length is encoded in the fewest bytes.
     */
    public static byte[] encode(int firstByte, boolean masked, byte[] payload) {
        return encode(firstByte, masked, payload, 0, payload.length);
    }

    /** Like {@link #encode(int, boolean, byte[])}, for {@code length} bytes of {@code payload} from {@code offset}. */
    public static byte[] encode(int firstByte, boolean masked, byte[] payload, int offset, int length) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(length + 14);
        frame.writeBytes(header(firstByte, masked, length));
        byte[] mask = masked ? randomBytes(4) : null;
        if (masked) {
            frame.writeBytes(mask);
        }
        byte[] body = new byte[length];
        for (int i = 0; i < length; i++) {
            body[i] = masked ? (byte) (payload[offset + i] ^ mask[i & 3]) : payload[offset + i];
        }
        frame.writeBytes(body);
        return frame.toByteArray();
    }

    /** The first bytes of a frame up to (not including) the masking key, the length in the fewest bytes. */
    public static byte[] header(int firstByte, boolean masked, long length) {
        int maskBit = masked ? 0x80 : 0;
        if (length < 126) {
            return new byte[] {(byte) firstByte, (byte) (maskBit | length)};
        }
        if (length <= 0xFFFF) {
            return new byte[] {(byte) firstByte, (byte) (maskBit | 126), (byte) (length >>> 8), (byte) length};
        }
        return header64(firstByte, masked, length);
    }

    /** A frame header with a 64-bit length field holding exactly {@code rawLength}, whatever its value. */
    public static byte[] header64(int firstByte, boolean masked, long rawLength) {
        byte[] header = new byte[10];
        header[0] = (byte) firstByte;
        header[1] = (byte) ((masked ? 0x80 : 0) | 127);
        for (int i = 0; i < 8; i++) {
            header[2 + i] = (byte) (rawLength >>> (56 - 8 * i));
        }
        return header;
    }

    static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
