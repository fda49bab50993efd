package io.wsconnector.processor;

/**
 * An {@link Argument} the dispatcher method receives with the event, or derives from what it
 * receives.
 */
enum EventArgument implements Argument {
    /** The {@code WebSocketSession}. */
    SESSION("session"),
    /** The {@code HandshakeRequest}: always {@code session.handshake()}. */
    HANDSHAKE_REQUEST("request"),
    /** The whole text message, a {@code String}. */
    TEXT_MESSAGE("message"),
    /** The whole binary message as a {@code byte[]}, the handler's own copy. */
    BINARY_MESSAGE_BYTES("message"),
    /** The whole binary message as a {@code ByteBuffer} wrapping the handler's own copy. */
    BINARY_MESSAGE_BUFFER("message"),
    /** A ping's or pong's payload as a {@code byte[]}, the handler's own copy. */
    PAYLOAD_BYTES("payload"),
    /** A ping's or pong's payload as a {@code ByteBuffer} wrapping the handler's own copy. */
    PAYLOAD_BUFFER("payload"),
    /** The close status code, an {@code int}. */
    STATUS_CODE("statusCode"),
    /** The close reason, a {@code String}. */
    CLOSE_REASON("reason");

    private final String dispatcherParameter;

    EventArgument(String dispatcherParameter) {
        this.dispatcherParameter = dispatcherParameter;
    }

    /** The name of the dispatcher method's parameter that carries this argument. */
    String dispatcherParameter() {
        return dispatcherParameter;
    }

    /** Whether this is the message of an {@code @OnTextMessage} or {@code @OnBinaryMessage} handler. */
    boolean isMessage() {
        return this == TEXT_MESSAGE || this == BINARY_MESSAGE_BYTES || this == BINARY_MESSAGE_BUFFER;
    }

    @Override
    public boolean sameValueAs(Argument other) {
        return other instanceof EventArgument event && dispatcherParameter.equals(event.dispatcherParameter)
                || other instanceof TypedMessage && isMessage();
    }
}
