package io.wsconnector.runtime.deflate;

import java.util.Arrays;

/**
 * A raw DEFLATE compressor (RFC 1951) that turns one whole message into the payload RFC 7692 section
 * 7.2.1 sends: the data flushed to a byte boundary, with the final {@code 00 00 ff ff} removed. Two
 * zlibs stand behind it: the JDK's (native, fastest) for the default 32 KiB window, and JZlib (pure Java,
 * as Netty does) for the smaller windows a client may ask for, which the JDK's cannot compress with.
 *
 * <p>Not thread-safe: one message at a time. {@link #end()} frees its memory; an instance that failed
 * halfway must be ended, not reused.
 */
abstract sealed class Compressor permits JdkCompressor, JzlibCompressor {
    /** The compressed form of an empty message (section 7.2.3.6): an empty stored block's header, padded. */
    private static final byte[] EMPTY_MESSAGE = {0x00};

    /**
     * A compressor for this window.
     *
     * @param level      the zlib level, 1 to 9
     * @param windowBits the window, 9 to 15
     */
    static Compressor create(int level, int windowBits) {
        return windowBits == DeflateSettings.MAX_WINDOW_BITS ? new JdkCompressor(level) : new JzlibCompressor(level, windowBits);
    }

    /**
     * Compresses a whole message.
     *
     * @param forget {@code true} to make the output independent of every earlier message (a full flush,
     *               which also forgets them for the next one: no context takeover); {@code false} to keep
     *               them as context (a sync flush)
     * @return the payload, without the final {@code 00 00 ff ff}
     */
    final byte[] compress(byte[] data, int offset, int length, boolean forget) {
        if (length == 0) {
            // zlib refuses a second flush without input in between; the block it would write is this
            return EMPTY_MESSAGE.clone();
        }
        byte[] out = new byte[length / 2 + 64];
        int produced = 0;
        setInput(data, offset, length);
        try {
            while (true) {
                produced += deflate(out, produced, out.length - produced, forget);
                if (produced < out.length) {
                    break; // room left: the flush is complete
                }
                out = Arrays.copyOf(out, out.length + Math.max(out.length >> 1, 64));
            }
        } finally {
            clearInput();
        }
        if (produced < 4 || out[produced - 4] != 0 || out[produced - 3] != 0 || out[produced - 2] != -1
                || out[produced - 1] != -1) {
            throw new IllegalStateException("zlib did not end the flush with an empty stored block");
        }
        return Arrays.copyOf(out, produced - 4);
    }

    abstract void setInput(byte[] data, int offset, int length);

    /**
     * Compresses all the input given, flushing it: full flush if {@code forget}, else sync flush.
     *
     * @return how many bytes were written into {@code out} at {@code offset}; {@code length} if it is full
     *         and must be called again with more room
     */
    abstract int deflate(byte[] out, int offset, int length, boolean forget);

    /** Drops the reference to the caller's input, so that an idle compressor does not keep it alive. */
    abstract void clearInput();

    /** Frees the compressor's memory: native memory for the JDK's zlib, the heap arrays for JZlib. */
    abstract void end();
}
