package io.wsconnector.processor;

/**
 * What the generated dispatcher does with a message handler's return value.
 */
enum Reply {
    /** {@code void}: nothing is sent. */
    NONE(null),
    /** A {@code String}, sent back as a text message unless {@code null}. */
    TEXT("sendText"),
    /** A {@code byte[]}, sent back as a binary message unless {@code null}. */
    BYTES("sendBinary"),
    /** A {@code ByteBuffer}, its remaining bytes sent back as a binary message unless {@code null}. */
    BUFFER("sendBinary");

    private final String sessionMethod;

    Reply(String sessionMethod) {
        this.sessionMethod = sessionMethod;
    }

    /** The {@code WebSocketSession} method that sends the reply. */
    String sessionMethod() {
        return sessionMethod;
    }
}
