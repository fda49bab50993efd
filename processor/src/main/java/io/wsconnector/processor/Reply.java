package io.wsconnector.processor;

/**
 * What the generated dispatcher does with a message handler's return value.
 */
enum Reply {
    /** {@code void}: nothing is sent. */
    NONE(null, null),
    /** A {@code String}, sent back as a text message unless {@code null}. */
    TEXT("sendText", null),
    /** A {@code byte[]}, sent back as a binary message unless {@code null}. */
    BYTES("sendBinary", null),
    /** A {@code ByteBuffer}, its remaining bytes sent back as a binary message unless {@code null}. */
    BUFFER("sendBinary", null),
    /** A {@code CompletionStage<String>}: its result is sent when it completes. */
    TEXT_ASYNC(null, "sendText"),
    /** A {@code CompletionStage<byte[]>}: its result is sent when it completes. */
    BYTES_ASYNC(null, "sendBinary"),
    /** A {@code CompletionStage<ByteBuffer>}: its result's remaining bytes are sent when it completes. */
    BUFFER_ASYNC(null, "sendBinaryBuffer");

    private final String sessionMethod;
    private final String asyncRepliesMethod;

    Reply(String sessionMethod, String asyncRepliesMethod) {
        this.sessionMethod = sessionMethod;
        this.asyncRepliesMethod = asyncRepliesMethod;
    }

    /** The {@code WebSocketSession} method that sends a reply returned directly. */
    String sessionMethod() {
        return sessionMethod;
    }

    /** The {@code AsyncReplies} method that sends the result of a returned {@code CompletionStage}. */
    String asyncRepliesMethod() {
        return asyncRepliesMethod;
    }

    /** Whether the reply is a {@code CompletionStage}. */
    boolean isAsync() {
        return asyncRepliesMethod != null;
    }
}
