package io.wsconnector.bench;

import java.util.Locale;

/** Whether the load generator sends text frames (opcode 1) or binary frames (opcode 2). */
public enum PayloadKind {
    TEXT(0x1),
    BINARY(0x2);

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
