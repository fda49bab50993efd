package io.wsconnector.runtime.deflate;

import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * A raw DEFLATE compressor (RFC 1951) that turns one whole message into the payload RFC 7692 section
 * 7.2.1 sends: the data flushed to a byte boundary, with the final {@code 00 00 ff ff} removed.
 *
 * <p>The JDK's zlib always compresses with a 32 KiB window; it cannot keep its back-references within
 * the smaller window a client may ask for ({@code server_max_window_bits} under 15). For those, the
 * compressor codes literals only ({@link Deflater#HUFFMAN_ONLY}): no back-reference at all, so any window
 * from 256 bytes up is kept, and no message refers to an earlier one. JSON then shrinks to about 0.6 of
 * its size instead of 0.3, at half the CPU; a pure-Java zlib that honours small windows (JZlib) shrinks
 * it to 0.36 at four times the CPU and a dependency. No browser asks for a small window.
 *
 * <p>Native memory: ~260 KiB per instance (zlib's {@code deflateInit2} with memLevel 8: a 64 KiB window,
 * 64 KiB of hash chains, a 64 KiB hash head and 64 KiB of pending output), resident as it is used.
 * Not thread-safe: one message at a time. {@link #end()} frees it; an instance that failed halfway must
 * be ended, not reused.
 */
final class Compressor {
    /** The compressed form of an empty message (section 7.2.3.6): an empty stored block's header, padded. */
    private static final byte[] EMPTY_MESSAGE = {0x00};
    private static final byte[] NO_INPUT = new byte[0];

    private final Deflater deflater;

    /**
     * @param level      the zlib level, 1 to 9
     * @param windowBits the window agreed, 8 to 15; under 15, literals only
     */
    Compressor(int level, int windowBits) {
        this.deflater = new Deflater(level, true); // nowrap: raw DEFLATE, no zlib header
        if (windowBits < DeflateSettings.MAX_WINDOW_BITS) {
            deflater.setStrategy(Deflater.HUFFMAN_ONLY);
            // the JDK applies a new strategy in the next deflate call instead of compressing: do it now
            deflater.deflate(NO_INPUT, 0, 0, Deflater.NO_FLUSH);
        }
    }

    /**
     * Compresses a whole message.
     *
     * @param forget {@code true} to make the output independent of every earlier message (a full flush,
     *               which also forgets them for the next one: no context takeover); {@code false} to keep
     *               them as context (a sync flush)
     * @return the payload, without the final {@code 00 00 ff ff}
     */
    byte[] compress(byte[] data, int offset, int length, boolean forget) {
        if (length == 0) {
            // zlib refuses a second flush without input in between; the block it would write is this
            return EMPTY_MESSAGE.clone();
        }
        int flush = forget ? Deflater.FULL_FLUSH : Deflater.SYNC_FLUSH;
        byte[] out = new byte[length / 2 + 64];
        int produced = 0;
        deflater.setInput(data, offset, length);
        try {
            do {
                if (produced == out.length) {
                    out = Arrays.copyOf(out, out.length + Math.max(out.length >> 1, 64));
                }
                produced += deflater.deflate(out, produced, out.length - produced, flush);
            } while (produced == out.length || !deflater.needsInput()); // room left, input taken: flushed
        } finally {
            deflater.setInput(NO_INPUT); // an idle compressor does not keep the caller's array alive
        }
        if (produced < 4 || out[produced - 4] != 0 || out[produced - 3] != 0 || out[produced - 2] != -1
                || out[produced - 1] != -1) {
            throw new IllegalStateException("zlib did not end the flush with an empty stored block");
        }
        return Arrays.copyOf(out, produced - 4);
    }

    /** Frees the native memory. */
    void end() {
        deflater.end();
    }
}
