package io.wsconnector.runtime.deflate;

/**
 * Compresses the messages a connection sends, as negotiated (RFC 7692, section 7.2.1).
 *
 * <p>Two kinds. Without context takeover on the server's side (or with a window under 32 KiB, where the
 * server codes literals only), compressing a message does not depend on what was sent before: one
 * {@linkplain #isShared() shared} instance serves every connection that compresses the same way,
 * borrowing a compressor from a pool for each message (nothing is held per connection), and a broadcast
 * compresses a message once for all the connections that have that instance. With context takeover, a
 * connection has its own, which keeps its compressor for the connection's life and must compress the
 * messages in the order they go on the wire.
 */
public sealed interface MessageDeflater permits SharedDeflater, ContextDeflater {

    /**
     * Compresses one whole message.
     *
     * @return the payload to send with RSV1 set on the message's first frame; {@code null} to send this
     *         message uncompressed (it is shorter than the threshold, or it would not get shorter)
     */
    byte[] compress(byte[] payload, int offset, int length);

    /**
     * Whether this instance compresses a message to the same payload for every connection that has it,
     * whatever they sent before: a broadcast may then compress once per instance.
     *
     * @return {@code true} without context takeover on the server's side
     */
    boolean isShared();

    /** The connection is gone: frees what it holds (nothing for a shared one). Idempotent. */
    void release();
}
