package io.wsconnector.bench;

import io.avaje.json.JsonReader;
import io.avaje.jsonb.JsonType;
import io.avaje.jsonb.Jsonb;
import io.wsconnector.annotations.OnTextMessage;
import io.wsconnector.annotations.WebSocketUpgradePath;
import io.wsconnector.bench.JsonMessages.Join;
import io.wsconnector.bench.JsonMessages.Move;
import io.wsconnector.bench.JsonMessages.Say;

/**
 * The JSON scenario's handler written by hand with the same JSON library, as a careful user would
 * without typed messages: a {@code String} handler that reads {@code "type"} with avaje-jsonb's reader,
 * switches on it, decodes with the type's {@code JsonType}, and returns the encoded reply. It checks
 * nothing more than avaje-jsonb does (no strict RFC 8259 check, no text after the value).
 */
@WebSocketUpgradePath(JsonMessages.BY_HAND_PATH)
public class HandJsonEcho {
    private static final Jsonb JSONB = Jsonb.instance();
    private static final JsonType<Join> JOIN = JSONB.type(Join.class);
    private static final JsonType<Say> SAY = JSONB.type(Say.class);
    private static final JsonType<Move> MOVE = JSONB.type(Move.class);

    @OnTextMessage
    String echo(String message) {
        return switch (type(message)) {
            case "join" -> JOIN.toJson(JOIN.fromJson(message));
            case "say" -> SAY.toJson(SAY.fromJson(message));
            case "move" -> MOVE.toJson(MOVE.fromJson(message));
            default -> throw new IllegalArgumentException("unknown type");
        };
    }

    private static String type(String message) {
        return type(JSONB.reader(message));
    }

    /** The value of {@code "type"}, read from the reader, which it closes. */
    static String type(JsonReader json) {
        try (JsonReader reader = json) {
            reader.beginObject();
            while (reader.hasNextField()) {
                if (reader.nextField().equals("type")) {
                    return reader.readString();
                }
                reader.skipValue();
            }
        }
        throw new IllegalArgumentException("no type");
    }
}
