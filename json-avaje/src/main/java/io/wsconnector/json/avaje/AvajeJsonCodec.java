package io.wsconnector.json.avaje;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import io.avaje.json.JsonAdapter;
import io.avaje.json.JsonException;
import io.avaje.json.JsonReader;
import io.avaje.jsonb.JsonType;
import io.avaje.jsonb.Jsonb;
import io.wsconnector.runtime.codec.DecodeFailure;
import io.wsconnector.runtime.codec.MessageDecodeException;
import io.wsconnector.runtime.codec.TextCodec;

/**
 * JSON for a type annotated with avaje-jsonb's {@code @Json}, through the adapter avaje-jsonb's
 * generator wrote for it at compile time: no reflection. The wsconnector processor uses it for every
 * message and reply type annotated {@code @Json} that no codec listed in
 * {@code @WebSocketUpgradePath(codecs = ...)} takes.
 *
 * <p>A message decodes when it is exactly one JSON value (RFC 8259, checked strictly: avaje's parser
 * skips some invalid JSON in fields the type does not have) that fits the type; fields the type does not
 * have are skipped. Otherwise: {@link DecodeFailure#MALFORMED} when the text is not one valid JSON
 * value (text after it included), {@link DecodeFailure#MISMATCH} when it is but does not fit (a string
 * where the type has a number, an array where it has an object, {@code null}, a record's constructor
 * that throws).
 *
 * @param <T> the type
 */
public final class AvajeJsonCodec<T> implements TextCodec<T> {
    private final Jsonb jsonb;
    private final JsonAdapter<T> adapter;
    private final JsonType<T> type;

    private AvajeJsonCodec(Jsonb jsonb, Class<T> type) {
        this.jsonb = jsonb;
        this.adapter = jsonb.adapter(type);
        this.type = jsonb.type(type);
    }

    /**
     * The codec of {@code type} with avaje-jsonb's default {@link Jsonb#instance()}.
     *
     * @param type a type annotated {@code @Json}
     * @param <T>  the type
     * @return its codec
     * @throws IllegalArgumentException if avaje-jsonb has no adapter for it (its generator did not run)
     */
    public static <T> AvajeJsonCodec<T> of(Class<T> type) {
        return of(Jsonb.instance(), type);
    }

    /**
     * The codec of {@code type} with a {@link Jsonb} of your own configuration, for a hand-written
     * {@code TextCodec} that delegates to it.
     *
     * @param jsonb the avaje-jsonb instance
     * @param type  a type annotated {@code @Json}
     * @param <T>   the type
     * @return its codec
     */
    public static <T> AvajeJsonCodec<T> of(Jsonb jsonb, Class<T> type) {
        return new AvajeJsonCodec<>(Objects.requireNonNull(jsonb, "jsonb"), Objects.requireNonNull(type, "type"));
    }

    @Override
    public T decode(String text) {
        // avaje-jsonb parses UTF-8: the same bytes are checked, then parsed
        return decode(text.getBytes(StandardCharsets.UTF_8), text);
    }

    /** Checks the bytes and parses them: no {@code String} is made on the way. */
    @Override
    public T decodeUtf8(byte[] utf8) {
        return decode(utf8, null);
    }

    /** {@link #decodeUtf8} of a message already checked to be one valid JSON value (by a {@link JsonDispatchKey}). */
    T decodeValid(byte[] utf8) {
        return parse(utf8, null);
    }

    /**
     * @param utf8 the message
     * @param text the same as a string, if the caller has it, for a failure to carry
     */
    private T decode(byte[] utf8, String text) {
        if (!JsonText.isValid(utf8)) {
            throw JsonDispatchKey.malformed(text(utf8, text));
        }
        return parse(utf8, text);
    }

    /**
     * @param utf8 one valid JSON value
     * @param text the same as a string, or {@code null}
     */
    private T parse(byte[] utf8, String text) {
        T value;
        try (JsonReader reader = jsonb.reader(utf8)) {
            value = adapter.fromJson(reader);
        } catch (JsonException e) {
            throw mismatch(text(utf8, text), String.valueOf(e.getMessage()), e);
        } catch (RuntimeException e) {
            // thrown by the type itself, e.g. a record's compact constructor checking its fields
            throw mismatch(text(utf8, text), String.valueOf(e), e);
        }
        if (value == null) {
            throw mismatch(text(utf8, text), "null", null);
        }
        return value;
    }

    /** The text a failure carries: the caller's string if it has one, else one made of the bytes (failures only). */
    private static String text(byte[] utf8, String text) {
        return text != null ? text : JsonDispatchKey.text(utf8);
    }

    private static MessageDecodeException mismatch(String text, String detail, Throwable cause) {
        return new MessageDecodeException(DecodeFailure.MISMATCH, text, detail, cause);
    }

    @Override
    public String encode(T value) {
        return type.toJson(value);
    }

    /** avaje-jsonb writes UTF-8 itself, and refuses a string with a lone surrogate, so the bytes are valid. */
    @Override
    public byte[] encodeUtf8(T value) {
        return type.toJsonBytes(value);
    }
}
