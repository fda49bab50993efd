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
}
