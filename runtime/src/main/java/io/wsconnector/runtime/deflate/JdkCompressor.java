package io.wsconnector.runtime.deflate;

import java.util.zip.Deflater;

/**
 * The JDK's zlib, for the 32 KiB window: native, about 260 KiB per instance (zlib's {@code deflateInit2}
 * with memLevel 8: a 64 KiB window, 64 KiB of hash chains, a 64 KiB hash head and 64 KiB of pending
 * output), resident as it is used.
 */
final class JdkCompressor extends Compressor {
    private final Deflater deflater;

    JdkCompressor(int level) {
        this.deflater = new Deflater(level, true); // nowrap: raw DEFLATE, no zlib header
    }

    @Override
    void setInput(byte[] data, int offset, int length) {
        deflater.setInput(data, offset, length);
    }

    @Override
    int deflate(byte[] out, int offset, int length, boolean forget) {
        return deflater.deflate(out, offset, length, forget ? Deflater.FULL_FLUSH : Deflater.SYNC_FLUSH);
    }

    @Override
    void clearInput() {
        deflater.setInput(NO_INPUT);
    }

    @Override
    void end() {
        deflater.end();
    }

    private static final byte[] NO_INPUT = new byte[0];
}
