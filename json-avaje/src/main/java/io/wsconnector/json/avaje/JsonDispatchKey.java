package io.wsconnector.json.avaje;

import java.util.Objects;

import io.avaje.json.JsonException;
import io.avaje.json.JsonReader;
import io.avaje.jsonb.Jsonb;
import io.wsconnector.runtime.codec.DecodeFailure;
import io.wsconnector.runtime.codec.MessageDecodeException;
import io.wsconnector.runtime.codec.TextCodec;

/**
 * Reads the string field an endpoint dispatches on ({@code @WebSocketUpgradePath(dispatchKey = "type")})
 * from a JSON message, for the generated dispatcher, which then switches on its value and decodes the
 * message through {@link #decode}: one pass over the text both checks that it is valid JSON (RFC 8259)
 * and finds the field, so a dispatched message is checked once and decoded once.
 */
public final class JsonDispatchKey {
    private final Jsonb jsonb;
    private final String name;

    private JsonDispatchKey(Jsonb jsonb, String name) {
        this.jsonb = jsonb;
        this.name = name;
    }

    /**
     * The key of that name, read with avaje-jsonb's default {@link Jsonb#instance()}.
     *
     * @param name the field, e.g. {@code "type"}
     * @return the key
     */
    public static JsonDispatchKey named(String name) {
        return new JsonDispatchKey(Jsonb.instance(), Objects.requireNonNull(name, "name"));
    }

    /**
     * The key's value in a message, which is checked to be valid JSON (RFC 8259) in the same pass.
     *
     * @param text the message
     * @return the value of the first top-level field with the key's name
     * @throws MessageDecodeException {@link DecodeFailure#MALFORMED} if the text is not one valid JSON
     *                                value; {@link DecodeFailure#MISSING_KEY} if it is JSON but not an
     *                                object with the key as a string field
     */
    public String read(String text) {
        int value = JsonText.memberValue(text, name);
        if (value == JsonText.INVALID) {
            throw malformed(text);
        }
        if (value == JsonText.ABSENT) {
            throw missing(text, "no \"" + name + "\"", null);
        }
        if (value == JsonText.ESCAPED_NAME) {
            return readWithParser(text);
        }
        if (text.charAt(value) != '"') {
            throw missing(text, "\"" + name + "\" is not a string", null);
        }
        int end = text.indexOf('"', value + 1);
        if (text.indexOf('\\', value + 1, end) >= 0) {
            return readWithParser(text); // an escape in the value: the parser unescapes it
        }
        return text.substring(value + 1, end);
    }

    /**
     * Decodes a message whose key {@link #read} has just read: a codec of this module skips the check
     * of the JSON that {@code read} made; any other codec decodes as it always does.
     *
     * @param codec the codec of the handler's message type
     * @param text  the message, as given to {@link #read}
     * @param <T>   the message type
     * @return the message decoded
     * @throws MessageDecodeException as the codec's {@link TextCodec#decode}
     */
    public <T> T decode(TextCodec<T> codec, String text) {
        return codec instanceof AvajeJsonCodec<T> json ? json.decodeValid(text) : codec.decode(text);
    }

    /**
     * The key read by avaje-jsonb's parser, from valid JSON whose key name or value has an escape; the
     * rare case that the one-pass {@link JsonText} check leaves to it.
     */
    private String readWithParser(String text) {
        try (JsonReader reader = jsonb.reader(text)) {
            reader.beginObject();
            while (reader.hasNextField()) {
                if (reader.nextField().equals(name)) {
                    String value = reader.readString();
                    if (value == null) {
                        break; // "type": null
                    }
                    return value;
                }
                reader.skipValue();
            }
        } catch (JsonException e) {
            throw missing(text, "not an object with a string \"" + name + "\"", e);
        }
        throw missing(text, "no \"" + name + "\"", null);
    }

    /**
     * The failure for a value of the key that no handler takes, for the generated dispatcher to throw.
     *
     * @param text  the message
     * @param value the key's value
     * @return {@link DecodeFailure#UNKNOWN_KEY}
     */
    public MessageDecodeException unknown(String text, String value) {
        return new MessageDecodeException(DecodeFailure.UNKNOWN_KEY, text,
                "\"" + name + "\" is \"" + value + "\", which no handler takes", null);
    }

    /** The failure of a text that is not one valid JSON value. */
    static MessageDecodeException malformed(String text) {
        return new MessageDecodeException(DecodeFailure.MALFORMED, text, "not one valid JSON value", null);
    }

    private MessageDecodeException missing(String text, String reason, Throwable cause) {
        return new MessageDecodeException(DecodeFailure.MISSING_KEY, text, reason, cause);
    }
}
