package io.wsconnector.bench;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The load generator's side of permessage-deflate (RFC 7692), on its one thread: compresses what it sends and
 * inflates what it receives. Without context takeover, one compressor and one inflater serve every connection,
 * reset for each message; with it, each connection has its own (created by the connection on its first
 * message and ended after its last), as a browser keeps them.
 */
final class ClientDeflate {
    /** RFC 7692, section 7.2.1: a message ends with an empty stored block, 00 00 ff ff, left off the wire. */
    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

    final DeflateMode mode;
    private final Deflater shared = newDeflater();
    private final Inflater sharedInflater = new Inflater(true);
    private byte[] packed;
    private byte[] compressedIn;
    private final byte[] inflated;

    ClientDeflate(DeflateMode mode, int payloadBytes) {
        this.mode = mode;
        this.packed = new byte[payloadBytes + 64];
        this.compressedIn = new byte[payloadBytes + 64];
        this.inflated = new byte[payloadBytes + 1]; // one more: an echo too long shows as too long
    }

    static Deflater newDeflater() {
        return new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    }

    static Inflater newInflater() {
        return new Inflater(true);
    }

    /** The shared compressor, or null if each connection needs its own (context kept). */
    Deflater sharedDeflater() {
        return mode == DeflateMode.NO_CONTEXT ? shared : null;
    }

    /** The shared inflater, or null if each connection needs its own (the server keeps its context). */
    Inflater sharedInflater() {
        return mode == DeflateMode.NO_CONTEXT ? sharedInflater : null;
    }

    /**
     * Compresses {@code length} bytes of {@code plain} as one message: SYNC_FLUSH, the tail removed.
     *
     * @return the compressed length, in {@link #packed()}
     */
    int compress(Deflater deflater, byte[] plain, int length) {
        if (deflater == shared) {
            deflater.reset();
        }
        deflater.setInput(plain, 0, length);
        int n = 0;
        while (true) {
            n += deflater.deflate(packed, n, packed.length - n, Deflater.SYNC_FLUSH);
            if (n < packed.length) {
                break;
            }
            packed = Arrays.copyOf(packed, packed.length * 2);
        }
        return n - TAIL.length; // a SYNC_FLUSH always ends with the tail
    }

    byte[] packed() {
        return packed;
    }

    /**
     * Inflates one compressed message (the tail put back).
     *
     * @return the inflated length in {@link #inflated()} (at most the payload size + 1), or -1 if it is not
     *         valid deflate data
     */
    int inflate(Inflater inflater, byte[] a, int offset, int length) {
        if (inflater == sharedInflater) {
            inflater.reset();
        }
        if (compressedIn.length < length + TAIL.length) {
            compressedIn = new byte[2 * (length + TAIL.length)];
        }
        System.arraycopy(a, offset, compressedIn, 0, length);
        System.arraycopy(TAIL, 0, compressedIn, length, TAIL.length);
        inflater.setInput(compressedIn, 0, length + TAIL.length);
        int n = 0;
        try {
            while (n < inflated.length) {
                int got = inflater.inflate(inflated, n, inflated.length - n);
                n += got;
                if (got == 0 && (inflater.needsInput() || inflater.finished() || inflater.needsDictionary())) {
                    break;
                }
            }
        } catch (DataFormatException e) {
            return -1;
        }
        return n;
    }

    byte[] inflated() {
        return inflated;
    }

    /** Frees the native memory of the shared compressor and inflater. */
    void end() {
        shared.end();
        sharedInflater.end();
    }
}
