package io.wsconnector.processor;

/**
 * The {@link Argument} of a message handler that takes the message as a value of its own type instead
 * of a {@code String} or {@code byte[]}: the dispatcher decodes the message with the type's codec and
 * passes the value.
 */
record TypedMessage(MessageCodec codec) implements Argument {

    @Override
    public boolean sameValueAs(Argument other) {
        return other instanceof TypedMessage || other instanceof EventArgument event && event.isMessage();
    }
}
