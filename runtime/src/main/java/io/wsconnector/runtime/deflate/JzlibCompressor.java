package io.wsconnector.runtime.deflate;

import com.jcraft.jzlib.Deflater;
import com.jcraft.jzlib.GZIPException;
import com.jcraft.jzlib.JZlib;

/**
 * JZlib, a pure-Java port of zlib, for the windows of 512 bytes to 16 KiB that a client may ask for with
 * {@code server_max_window_bits} (the JDK's zlib always uses 32 KiB). Its hash table is sized to the
 * window (memLevel = window bits - 7), so a small window also means a small compressor: ~9 KiB of heap
 * for 512 bytes, ~37 KiB for 4 KiB.
 */
final class JzlibCompressor extends Compressor {
    private static final byte[] NOTHING = new byte[0];

    private final Deflater deflater;

    JzlibCompressor(int level, int windowBits) {
        try {
            this.deflater = new Deflater(level, windowBits, windowBits - 7, JZlib.W_NONE);
        } catch (GZIPException e) {
            throw new IllegalArgumentException("JZlib refused window bits " + windowBits + " at level " + level, e);
        }
    }

    @Override
    void setInput(byte[] data, int offset, int length) {
        deflater.setInput(data, offset, length, false);
    }

    @Override
    int deflate(byte[] out, int offset, int length, boolean forget) {
        deflater.setOutput(out, offset, length);
        int status = deflater.deflate(forget ? JZlib.Z_FULL_FLUSH : JZlib.Z_SYNC_FLUSH);
        if (status != JZlib.Z_OK && status != JZlib.Z_BUF_ERROR) { // BUF_ERROR: nothing more to write
            throw new IllegalStateException("JZlib failed to compress: " + status + " " + deflater.getMessage());
        }
        return deflater.getNextOutIndex() - offset;
    }

    @Override
    void clearInput() {
        deflater.setInput(NOTHING, 0, 0, false);
        deflater.setOutput(NOTHING, 0, 0);
    }

    @Override
    void end() {
        deflater.end();
    }
}
