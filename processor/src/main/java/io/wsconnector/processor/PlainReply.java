package io.wsconnector.processor;

/**
 * A {@link Reply} of a type the runtime sends as it is: nothing, a {@code String}, a {@code byte[]}, a
 * {@code ByteBuffer}, or a {@code CompletionStage} of one of them.
 */
enum PlainReply implements Reply {
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

    PlainReply(boolean async, String sendMethod, String broadcastMethod) {
        this.async = async;
        this.sendMethod = sendMethod;
        this.broadcastMethod = broadcastMethod;
    }

    /** {@inheritDoc} Of {@code AsyncReplies} for a {@code CompletionStage}. */
    @Override
    public String method(boolean broadcast) {
        return broadcast ? broadcastMethod : sendMethod;
    }

    @Override
    public boolean isAsync() {
        return async;
    }
}
