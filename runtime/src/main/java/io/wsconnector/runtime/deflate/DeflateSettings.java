package io.wsconnector.runtime.deflate;

/**
 * What the server is willing to agree to when a client offers {@code permessage-deflate}, and how it
 * compresses.
 *
 * @param serverNoContextTakeover whether the server resets its compressor after every message even when
 *                                the client does not ask for it: no compressor is kept per connection
 *                                (RFC 7692 section 7.1.1.1 lets a server declare it unasked)
 * @param clientNoContextTakeover whether the server asks every client to reset its compressor after every
 *                                message: no inflater is kept per connection (section 7.1.1.2)
 * @param serverMaxWindowBits     the largest LZ77 window the server compresses with, as a power of two,
 *                                8 to 15; a client may ask for a smaller one. Under 15 the server codes
 *                                literals only (see {@link Compressor}), stating the window it keeps to
 * @param compressionLevel        the zlib level, 1 (fastest) to 9 (smallest)
 * @param threshold               messages shorter than this many bytes are sent uncompressed
 */
public record DeflateSettings(boolean serverNoContextTakeover,
                              boolean clientNoContextTakeover,
                              int serverMaxWindowBits,
                              int compressionLevel,
                              int threshold) {
    /** The smallest window RFC 7692 defines, 256 bytes. */
    static final int MIN_WINDOW_BITS = 8;
    /** The largest window, 32 KiB, and the one used when nothing smaller is agreed. */
    static final int MAX_WINDOW_BITS = 15;

    /**
     * @throws IllegalArgumentException if a value is out of range
     */
    public DeflateSettings {
        if (serverMaxWindowBits < MIN_WINDOW_BITS || serverMaxWindowBits > MAX_WINDOW_BITS) {
            throw new IllegalArgumentException("serverMaxWindowBits must be between 8 and 15, not "
                    + serverMaxWindowBits);
        }
        if (compressionLevel < 1 || compressionLevel > 9) {
            throw new IllegalArgumentException("compressionLevel must be between 1 and 9, not " + compressionLevel);
        }
        if (threshold < 0) {
            throw new IllegalArgumentException("threshold must not be negative, not " + threshold);
        }
    }
}
