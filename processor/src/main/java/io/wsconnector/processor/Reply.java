package io.wsconnector.processor;

/**
 * What the generated dispatcher does with a message handler's return value: sends it to the client
 * that sent the message or, for a {@code broadcast = true} handler, to every open session of the
 * endpoint ({@link HandlerMethod#broadcast()}).
 */
enum Reply {
    /** {@code void}: nothing is sent. */
    NONE(false, null, null),
    /** A {@code String}, sent as a text message unless {@code null}. */
    TEXT(false, "sendText", "broadcastText"),
    /** A {@code byte[]}, sent as a binary message unless {@code null}. */
    BYTES(false, "sendBinary", "broadcastBinary"),
    /** A {@code ByteBuffer}, its remaining bytes sent as a binary message unless {@code null}. */
    BUFFER(false, "sendBinary", "broadcastBinary"),
    /** A {@code CompletionStage<String>}: its result is sent when it completes. */
    TEXT_ASYNC(true, "sendText", "broadcastText"),
    /** A {@code CompletionStage<byte[]>}: its result is sent when it completes. */
    BYTES_ASYNC(true, "sendBinary", "broadcastBinary"),
    /** A {@code CompletionStage<ByteBuffer>}: its result's remaining bytes are sent when it completes. */
    BUFFER_ASYNC(true, "sendBinaryBuffer", "broadcastBinaryBuffer");

    private final boolean async;
    private final String sendMethod;
    private final String broadcastMethod;

    Reply(boolean async, String sendMethod, String broadcastMethod) {
        this.async = async;
        this.sendMethod = sendMethod;
        this.broadcastMethod = broadcastMethod;
    }

    /**
     * The method that sends the reply: of {@code WebSocketSession} for a value returned directly, of
     * {@code AsyncReplies} for a {@code CompletionStage} ({@link #isAsync()}).
     *
     * @param broadcast {@code true}: the method that sends to every open session of the endpoint
     *                  ({@code broadcastText}…); {@code false}: to the sender only ({@code sendText}…)
     */
    String method(boolean broadcast) {
        return broadcast ? broadcastMethod : sendMethod;
    }

    /** Whether the reply is a {@code CompletionStage}. */
    boolean isAsync() {
        return async;
    }
}
