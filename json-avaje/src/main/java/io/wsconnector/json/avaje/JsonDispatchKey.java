package io.wsconnector.json.avaje;

import java.util.Objects;

import io.avaje.json.JsonException;
import io.avaje.json.JsonReader;
import io.avaje.jsonb.Jsonb;
import io.wsconnector.runtime.codec.DecodeFailure;
import io.wsconnector.runtime.codec.MessageDecodeException;

/**
 * Reads the string field an endpoint dispatches on ({@code @WebSocketUpgradePath(dispatchKey = "type")})
 * from a JSON message, for the generated dispatcher, which then switches on its value: the message is
 * checked to be valid JSON (RFC 8259), then its top-level fields are read in order up to that one, each
 * earlier value skipped, not decoded.
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
     * The key's value in a message.
     *
     * @param text the message
     * @return the value of the first top-level field with the key's name
     * @throws MessageDecodeException {@link DecodeFailure#MALFORMED} if the text is not one valid JSON
     *                                value; {@link DecodeFailure#MISSING_KEY} if it is JSON but not an
     *                                object with the key as a string field
     */
    public String read(String text) {
        if (!JsonText.isValid(text)) {
            throw new MessageDecodeException(DecodeFailure.MALFORMED, text, "not one valid JSON value", null);
        }
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
            throw new MessageDecodeException(DecodeFailure.MISSING_KEY, text,
                    "not an object with a string \"" + name + "\"", e);
        }
        throw new MessageDecodeException(DecodeFailure.MISSING_KEY, text, "no \"" + name + "\"", null);
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
}
