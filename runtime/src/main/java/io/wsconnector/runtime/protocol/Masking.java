package io.wsconnector.runtime.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Unmasks client frame payloads (RFC 6455, section 5.3), eight bytes at a time.
 */
final class Masking {
    private Masking() {
    }

    /**
     * XORs {@code length} bytes of {@code data} at {@code offset} with the masking key, in place.
     *
     * @param mask        the four key bytes, big-endian
     * @param maskOffset  how many payload bytes of this frame came before {@code offset}
     */
    static void unmask(byte[] data, int offset, int length, int mask, long maskOffset) {
        if (length <= 0) {
            return;
        }
        int rotated = Integer.rotateLeft(mask, 8 * (int) (maskOffset & 3));
        int i = offset;
        int end = offset + length;
        if (length >= 16) {
            long mask64 = ((long) rotated << 32) | (rotated & 0xFFFFFFFFL);
            ByteBuffer view = ByteBuffer.wrap(data).order(ByteOrder.BIG_ENDIAN);
            for (int last = end - 8; i <= last; i += 8) {
                view.putLong(i, view.getLong(i) ^ mask64);
            }
        }
        // i - offset is a multiple of 8, so the key lines up again with 'rotated'
        for (int k = 0; i < end; i++, k++) {
            data[i] ^= (byte) (rotated >>> (24 - 8 * (k & 3)));
        }
    }
}
