package io.wsconnector.runtime.codec;

/**
 * Converts values of {@code T} to and from text messages, for handlers that take or return a {@code T}
 * instead of a {@code String}. The default for JSON is {@code AvajeJsonCodec} (module
 * {@code wsconnector-json-avaje}), used for every type annotated with avaje-jsonb's {@code @Json}; for
 * another format, implement this interface and list the class in
 * {@code @WebSocketUpgradePath(codecs = ...)}: the processor checks at compile time that every message
 * and reply type has a codec.
 *
 * <p>An implementation is created once per endpoint class, with its no-argument constructor, and is
 * called from many connections at once: it must be thread-safe.
 *
 * @param <T> the type of the values
 */
public interface TextCodec<T> {

    /**
     * Reads a value from a whole text message.
     *
     * @param text the message
     * @return the value, not {@code null}
     * @throws MessageDecodeException when {@code text} is not a {@code T}: {@link DecodeFailure#MALFORMED}
     *                                when it is not in the codec's format at all,
     *                                {@link DecodeFailure#MISMATCH} when it is but does not fit {@code T}
     */
    T decode(String text);

    /**
     * Writes a value as a text message.
     *
     * @param value the value, not {@code null}
     * @return the message
     */
    String encode(T value);
}
