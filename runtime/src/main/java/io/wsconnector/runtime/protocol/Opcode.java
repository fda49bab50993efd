package io.wsconnector.runtime.protocol;

/**
 * The frame opcodes of RFC 6455, section 5.2; the other values (0x3–0x7, 0xB–0xF) are reserved.
 */
enum Opcode {
    CONTINUATION(0x0),
    TEXT(0x1),
    BINARY(0x2),
    CLOSE(0x8),
    PING(0x9),
    PONG(0xA);

    /** By the opcode's 4-bit value; {@code null} for a reserved one. */
    private static final Opcode[] BY_CODE = new Opcode[16];

    static {
        for (Opcode opcode : values()) {
            BY_CODE[opcode.code] = opcode;
        }
    }

    private final int code;

    Opcode(int code) {
        this.code = code;
    }

    /** The 4-bit value on the wire. */
    int code() {
        return code;
    }

    /** Close, ping and pong: at most 125 bytes, never fragmented (RFC 6455, section 5.5). */
    boolean isControl() {
        return code >= 0x8;
    }

    /**
     * @param code the low four bits of a frame's first byte
     * @return the opcode, or {@code null} if the value is reserved
     */
    static Opcode of(int code) {
        return BY_CODE[code & 0x0F];
    }
}
