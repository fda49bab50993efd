package io.wsconnector.runtime.codec;

import java.nio.charset.StandardCharsets;

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

    /**
     * Reads a value from a whole text message as it arrived: its UTF-8 bytes, which the runtime has
     * already checked to be valid UTF-8. The generated dispatcher of an endpoint with typed text
     * handlers calls this one, so that a codec whose format library reads bytes (as avaje-jsonb does)
     * skips the {@code String} that would only be turned back into bytes; by default it decodes the
     * {@code String}.
     *
     * @param utf8 the message, an array of its own that the codec may keep
     * @return the value, not {@code null}
     * @throws MessageDecodeException as {@link #decode(String)}
     */
    default T decodeUtf8(byte[] utf8) {
        return decode(new String(utf8, StandardCharsets.UTF_8));
    }

    /**
     * Writes a value as the UTF-8 bytes of a text message, which the runtime sends as they are: the
     * generated dispatcher calls this one for a handler's reply, so that a codec whose format library
     * writes bytes (as avaje-jsonb does) skips the {@code String}; by default it encodes the
     * {@code String}. An implementation must return valid UTF-8 (RFC 6455 requires it of text messages).
     *
     * @param value the value, not {@code null}
     * @return the message's UTF-8, an array of its own
     */
    default byte[] encodeUtf8(T value) {
        return encode(value).getBytes(StandardCharsets.UTF_8);
    }
}
