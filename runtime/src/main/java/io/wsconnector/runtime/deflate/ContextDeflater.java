package io.wsconnector.runtime.deflate;

import java.util.function.Supplier;

/**
 * The server keeps its compression context from message to message (context takeover, RFC 7692 section
 * 7.1.1.1): one compressor for the connection's life, created with its first compressed message and ended
 * when the connection is released. Every compressed message must be sent, in the order compressed,
 * since the client's inflater follows the same history.
 */
final class ContextDeflater implements MessageDeflater {
    private final Supplier<Compressor> factory;
    private final int threshold;
    private Compressor compressor;
    private boolean released;

    ContextDeflater(Supplier<Compressor> factory, int threshold) {
        this.factory = factory;
        this.threshold = threshold;
    }

    @Override
    public synchronized byte[] compress(byte[] payload, int offset, int length) {
        if (length < threshold) {
            return null; // an uncompressed message is no part of the context on either side
        }
        if (released) {
            throw new IllegalStateException("The connection's compressor was released");
        }
        if (compressor == null) {
            compressor = factory.get();
        }
        try {
            return compressor.compress(payload, offset, length, false);
        } catch (RuntimeException | Error e) {
            // a new compressor refers to nothing the client lacks: the next message starts afresh
            compressor.end();
            compressor = null;
            throw e;
        }
    }

    @Override
    public boolean isShared() {
        return false;
    }

    @Override
    public synchronized void release() {
        released = true;
        if (compressor != null) {
            compressor.end();
            compressor = null;
        }
    }

    /** Whether a compressor is held now: for tests. */
    synchronized boolean holdsCompressor() {
        return compressor != null;
    }
}
