package io.wsconnector.processor;

/**
 * What the generated dispatcher does with a message handler's return value: sends it to the client
 * that sent the message or, for a {@code broadcast = true} handler, to every open session of the
 * endpoint ({@link HandlerMethod#broadcast()}); as it is ({@link PlainReply}), or encoded with its
 * type's codec ({@link TypedReply}).
 */
sealed interface Reply permits PlainReply, TypedReply {

    /**
     * The method that sends the reply: of {@code WebSocketSession} for a value returned directly, of a
     * helper of the runtime's {@code internal} package for a {@code CompletionStage} ({@link #isAsync()}).
     *
     * @param broadcast {@code true}: the method that sends to every open session of the endpoint
     *                  ({@code broadcastText}…); {@code false}: to the sender only ({@code sendText}…)
     */
    String method(boolean broadcast);

    /** Whether the reply is a {@code CompletionStage}. */
    boolean isAsync();
}
