package io.wsconnector.processor;

/**
 * A {@link Reply} of a type with a codec, or a {@code CompletionStage} of one: encoded with the codec
 * (once, for a broadcast) and sent as a text or binary message unless {@code null}.
 *
 * @param codec converts the reply's type
 * @param async whether the handler returns a {@code CompletionStage} of it ({@code TypedReplies} sends
 *              it when it completes)
 */
record TypedReply(MessageCodec codec, boolean async) implements Reply {

    @Override
    public String method(boolean broadcast) {
        if (codec.binary()) {
            return broadcast ? "broadcastBinary" : "sendBinary";
        }
        return broadcast ? "broadcastText" : "sendText";
    }

    @Override
    public boolean isAsync() {
        return async;
    }
}
