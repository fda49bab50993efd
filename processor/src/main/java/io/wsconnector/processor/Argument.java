package io.wsconnector.processor;

/**
 * What the generated dispatcher passes for one parameter of a handler method. Resolved at compile
 * time from the parameter's type and the handler's kind.
 */
enum Argument {
    /** The {@code WebSocketSession}. */
    SESSION("session"),
    /** The whole text message, a {@code String}. */
    TEXT_MESSAGE("message"),
    /** The whole binary message as a {@code byte[]}, the handler's own copy. */
    BINARY_MESSAGE_BYTES("message"),
    /** The whole binary message as a {@code ByteBuffer} wrapping the handler's own copy. */
    BINARY_MESSAGE_BUFFER("message"),
    /** The close status code, an {@code int}. */
    STATUS_CODE("statusCode"),
    /** The close reason, a {@code String}. */
    CLOSE_REASON("reason");

    private final String dispatcherParameter;

    Argument(String dispatcherParameter) {
        this.dispatcherParameter = dispatcherParameter;
    }

    /** The name of the dispatcher method's parameter that carries this argument. */
    String dispatcherParameter() {
        return dispatcherParameter;
    }

    /** Whether a method may not take both: they carry the same value. */
    boolean sameValueAs(Argument other) {
        return dispatcherParameter.equals(other.dispatcherParameter);
    }
}
