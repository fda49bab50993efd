package io.wsconnector.runtime.deflate;

/**
 * The server's compression refers to no earlier message (no context takeover, or literals only): each
 * message is compressed with a compressor borrowed from the pool and full-flushed, so that its output
 * refers to nothing before it and the compressor is clean for its next borrower. Thread-safe; holds
 * nothing per connection.
 */
final class SharedDeflater implements MessageDeflater {
    private final Pool<Compressor> compressors;
    private final int threshold;

    SharedDeflater(Pool<Compressor> compressors, int threshold) {
        this.compressors = compressors;
        this.threshold = threshold;
    }

    @Override
    public byte[] compress(byte[] payload, int offset, int length) {
        if (length < threshold) {
            return null;
        }
        Compressor compressor = compressors.borrow();
        byte[] compressed;
        try {
            compressed = compressor.compress(payload, offset, length, true);
        } catch (RuntimeException | Error e) {
            compressors.discard(compressor);
            throw e;
        }
        compressors.giveBack(compressor);
        // nothing depends on this message's compression: what does not shrink may go as it is (section 6)
        return compressed.length < length ? compressed : null;
    }

    @Override
    public boolean isShared() {
        return true;
    }

    @Override
    public void release() {
        // the compressors belong to the pool
    }

    /** Ends the idle compressors (the server stops). */
    void clearPool() {
        compressors.clear();
    }

    /** How many compressors wait in the pool: for tests. */
    int pooledCompressors() {
        return compressors.idleCount();
    }
}
