package io.wsconnector.runtime.codec;

/**
 * Converts values of {@code T} to and from binary messages, for {@code @OnBinaryMessage} handlers that
 * take or return a {@code T} instead of a {@code byte[]}: the binary counterpart of {@link TextCodec},
 * listed the same way in {@code @WebSocketUpgradePath(codecs = ...)}. There is no default binary codec.
 *
 * <p>An implementation is created once per endpoint class, with its no-argument constructor, and is
 * called from many connections at once: it must be thread-safe.
 *
 * @param <T> the type of the values
 */
public interface BinaryCodec<T> {

    /**
     * Reads a value from a whole binary message.
     *
     * @param data the message, the codec's own copy
     * @return the value, not {@code null}
     * @throws MessageDecodeException when {@code data} is not a {@code T} ({@link DecodeFailure#MALFORMED}
     *                                or {@link DecodeFailure#MISMATCH}, as for {@link TextCodec#decode})
     */
    T decode(byte[] data);

    /**
     * Writes a value as a binary message.
     *
     * @param value the value, not {@code null}
     * @return the message
     */
    byte[] encode(T value);
}
