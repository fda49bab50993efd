package io.wsconnector.processor;

/**
 * What the generated dispatcher passes for one parameter of a handler method. Resolved at compile
 * time from the parameter's type, its annotations and the handler's kind: a value of the event
 * ({@link EventArgument}), the message decoded into a value of its own type ({@link TypedMessage}), a
 * handshake value bound once per connection ({@link HandshakeValue}), or
 * the exception an {@code @OnError} method handles ({@link HandledError}).
 */
sealed interface Argument permits EventArgument, HandshakeValue, HandledError, TypedMessage {

    /** Whether a method may not take both: they carry the same value. */
    boolean sameValueAs(Argument other);
}
