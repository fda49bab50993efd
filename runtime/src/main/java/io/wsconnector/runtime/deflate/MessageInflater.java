package io.wsconnector.runtime.deflate;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates the compressed messages a connection receives (RFC 7692, section 7.2.2), frame by frame as
 * their payload arrives, handing the bytes to an {@link InflateSink} in chunks of at most
 * {@value #CHUNK} bytes: a sink that stops at the size limit stops the inflation there, whatever the
 * rest of the message would have inflated to.
 *
 * <p>The JDK's zlib inflates every window a client may use (it always keeps 32 KiB). If the client keeps
 * its context between messages, the connection keeps its inflater for its life (~40 KiB of native
 * memory once used); otherwise one is borrowed from a pool when a compressed message starts and given
 * back when it ends, and an idle connection holds none.
 *
 * <p>Used by the connection's reading thread only. Call {@link #release()} when the connection is gone.
 */
public final class MessageInflater {
    /** The most bytes inflated before the sink sees them. */
    static final int CHUNK = 8 * 1024;
    /** Section 7.2.2: the empty stored block's length fields, which the sender removed. */
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF};
    /** Output chunks, borrowed for one call: an idle connection keeps none. */
    private static final Pool<byte[]> CHUNKS = new Pool<>(64, () -> new byte[CHUNK], chunk -> { });

    /** Where inflaters are borrowed for one message; {@code null} if this connection keeps its own. */
    private final Pool<Inflater> pool;
    private Inflater inflater;
    /** Whether the message in progress has had any compressed byte. */
    private boolean started;
    /** Whether the message's DEFLATE data ended with a final block (BFINAL, section 7.2.3.3). */
    private boolean streamEnded;

    /**
     * @param pool where to borrow an inflater per message; {@code null} to keep one for the connection's
     *             life (the client keeps its context)
     */
    MessageInflater(Pool<Inflater> pool) {
        this.pool = pool;
    }

    /**
     * Reads one frame's compressed payload a chunk at a time, into a buffer borrowed for the call, and
     * inflates it, giving what it inflates to the sink.
     *
     * @param input reads the frame's payload, unmasked: up to {@code max} bytes into the buffer, returning
     *              how many; 0 when the frame's payload has been read
     * @throws CompressedDataException if the data is not valid DEFLATE
     */
    public void inflate(CompressedInput input, InflateSink sink) {
        byte[] chunk = CHUNKS.borrow();
        try {
            int count;
            while ((count = input.read(chunk, 0, chunk.length)) > 0) {
                inflate(chunk, 0, count, sink);
            }
        } finally {
            CHUNKS.giveBack(chunk);
        }
    }

    /**
     * Inflates the next part of a compressed message's payload (unmasked), giving what it inflates to the sink.
     *
     * @throws CompressedDataException if the data is not valid DEFLATE
     */
    public void inflate(byte[] compressed, int offset, int length, InflateSink sink) {
        if (length == 0 || streamEnded) {
            // after a final block the sender adds an octet (section 7.2.3.3); the stream is over, the rest is not data
            return;
        }
        started = true;
        Inflater active = inflater();
        active.setInput(compressed, offset, length);
        drain(active, sink);
    }

    /**
     * The compressed message's last frame has been inflated: inflates the removed tail, which flushes the
     * last bytes to the sink, and makes ready for the next message.
     *
     * @throws CompressedDataException if the data is not valid DEFLATE
     */
    public void endMessage(InflateSink sink) {
        // an empty payload is an empty message: "00 00 ff ff" alone would leave the inflater inside a block
        if (started && !streamEnded) {
            Inflater active = inflater();
            active.setInput(TAIL);
            drain(active, sink);
        }
        if (inflater != null) {
            if (pool != null) {
                inflater.reset();
                pool.giveBack(inflater);
                inflater = null;
            } else if (streamEnded) {
                inflater.reset(); // the sender ended its stream; its next message starts a new one
            }
        }
        started = false;
        streamEnded = false;
    }

    /** The connection is gone, maybe in the middle of a message: frees or gives back the inflater. Idempotent. */
    public void release() {
        if (inflater != null) {
            if (pool != null) {
                inflater.reset(); // clean again, even after invalid data
                pool.giveBack(inflater);
            } else {
                inflater.end();
            }
            inflater = null;
        }
        started = false;
        streamEnded = false;
    }

    /** Where a compressed frame's payload is read from: the connection's frame reader. */
    @FunctionalInterface
    public interface CompressedInput {

        /**
         * @return how many bytes were read into {@code buffer} at {@code offset}, at most {@code max}; 0 when
         *         the frame's payload has all been read
         */
        int read(byte[] buffer, int offset, int max);
    }

    /** Whether an inflater is held now: for tests. */
    boolean holdsInflater() {
        return inflater != null;
    }

    private Inflater inflater() {
        if (inflater == null) {
            inflater = pool != null ? pool.borrow() : new Inflater(true);
        }
        return inflater;
    }

    private void drain(Inflater active, InflateSink sink) {
        byte[] chunk = CHUNKS.borrow();
        try {
            while (true) {
                int inflated;
                try {
                    inflated = active.inflate(chunk);
                } catch (DataFormatException e) {
                    throw new CompressedDataException("Invalid compressed data: " + e.getMessage());
                }
                if (inflated > 0) {
                    sink.accept(chunk, 0, inflated);
                }
                if (active.finished()) {
                    streamEnded = true;
                    return;
                }
                if (inflated == 0) {
                    return; // all input taken (a raw stream never asks for a dictionary)
                }
            }
        } finally {
            CHUNKS.giveBack(chunk);
        }
    }
}
