package io.wsconnector.bench;

import java.util.Locale;

/**
 * Whether the load generator sends text frames (opcode 1) or binary frames (opcode 2), and for text
 * whether it is JSON (a {@link JsonMessages.Move}, for {@link JsonBench}).
 */
public enum PayloadKind {
    TEXT(0x1),
    BINARY(0x2),
    JSON(0x1);

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
