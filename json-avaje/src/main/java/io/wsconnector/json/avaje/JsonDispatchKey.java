package io.wsconnector.json.avaje;

import java.nio.charset.StandardCharsets;
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
 * message through {@link #decode}: one pass over the message both checks that it is valid JSON (RFC 8259)
 * and finds the field, so a dispatched message is checked once and decoded once. Messages are read as
 * the UTF-8 bytes they arrived in, which avaje-jsonb parses without a {@code String} in between.
 */
public final class JsonDispatchKey {
    private final Jsonb jsonb;
    private final String name;
    private final byte[] utf8Name;

    private JsonDispatchKey(Jsonb jsonb, String name) {
        this.jsonb = jsonb;
        this.name = name;
        this.utf8Name = name.getBytes(StandardCharsets.UTF_8);
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
     * @param message the message's UTF-8 bytes (valid UTF-8)
     * @return the value of the first top-level field with the key's name
     * @throws MessageDecodeException {@link DecodeFailure#MALFORMED} if the message is not one valid JSON
     *                                value; {@link DecodeFailure#MISSING_KEY} if it is JSON but not an
     *                                object with the key as a string field
     */
    public String read(byte[] message) {
        int value = JsonText.memberValue(message, utf8Name);
        if (value == JsonText.INVALID) {
            throw malformed(text(message));
        }
        if (value == JsonText.ABSENT) {
            throw missing(message, "no \"" + name + "\"", null);
        }
        if (value == JsonText.ESCAPED_NAME) {
            return readWithParser(message);
        }
        if (message[value] != '"') {
            throw missing(message, "\"" + name + "\" is not a string", null);
        }
        int end = value + 1;
        for (byte b = message[end]; b != '"'; b = message[++end]) { // the check found the closing quote
            if (b == '\\') {
                return readWithParser(message); // an escape in the value: the parser unescapes it
            }
        }
        return new String(message, value + 1, end - value - 1, StandardCharsets.UTF_8);
    }

    /**
     * Decodes a message whose key {@link #read} has just read: a codec of this module skips the check
     * of the JSON that {@code read} made; any other codec decodes as it always does.
     *
     * @param codec   the codec of the handler's message type
     * @param message the message, as given to {@link #read}
     * @param <T>     the message type
     * @return the message decoded
     * @throws MessageDecodeException as the codec's {@link TextCodec#decodeUtf8}
     */
    public <T> T decode(TextCodec<T> codec, byte[] message) {
        return codec instanceof AvajeJsonCodec<T> json ? json.decodeValid(message) : codec.decodeUtf8(message);
    }

    /**
     * The key read by avaje-jsonb's parser, from valid JSON whose key name or value has an escape; the
     * rare case that the one-pass {@link JsonText} check leaves to it.
     */
    private String readWithParser(byte[] message) {
        try (JsonReader reader = jsonb.reader(message)) {
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
            throw missing(message, "not an object with a string \"" + name + "\"", e);
        }
        throw missing(message, "no \"" + name + "\"", null);
    }

    /**
     * The failure for a value of the key that no handler takes, for the generated dispatcher to throw.
     *
     * @param message the message
     * @param value   the key's value
     * @return {@link DecodeFailure#UNKNOWN_KEY}
     */
    public MessageDecodeException unknown(byte[] message, String value) {
        return new MessageDecodeException(DecodeFailure.UNKNOWN_KEY, text(message),
                "\"" + name + "\" is \"" + value + "\", which no handler takes", null);
    }

    /** The failure of a message that is not one valid JSON value. */
    static MessageDecodeException malformed(String text) {
        return new MessageDecodeException(DecodeFailure.MALFORMED, text, "not one valid JSON value", null);
    }

    private MessageDecodeException missing(byte[] message, String reason, Throwable cause) {
        return new MessageDecodeException(DecodeFailure.MISSING_KEY, text(message), reason, cause);
    }

    /** The message as the text a {@link MessageDecodeException} carries. */
    static String text(byte[] message) {
        return new String(message, StandardCharsets.UTF_8);
    }
}
