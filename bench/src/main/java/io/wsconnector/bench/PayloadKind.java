package io.wsconnector.bench;

import java.util.Locale;

/**
 * What the load generator sends: random printable ASCII in text frames (opcode 1), random bytes in binary frames
 * (opcode 2), JSON-like text ({@link JsonLike}: compresses as an application's JSON does) in text frames, or a
 * typed JSON message ({@link JsonMessages.Move}, for {@link JsonBench}) in text frames.
 */
public enum PayloadKind {
    TEXT(0x1),
    BINARY(0x2),
    JSON(0x1),
    JSON_MOVE(0x1);

    final int opcode;

    PayloadKind(int opcode) {
        this.opcode = opcode;
    }

    static PayloadKind parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
