package io.wsconnector.processor;

import java.util.EnumSet;
import java.util.Set;

/**
 * The handler annotations, each with the parameters and return types its methods may have.
 */
enum HandlerKind {
    OPEN("io.wsconnector.annotations.OnOpen", "onOpen",
            EnumSet.of(Argument.SESSION), false,
            "a WebSocketSession"),
    TEXT_MESSAGE("io.wsconnector.annotations.OnTextMessage", "onTextMessage",
            EnumSet.of(Argument.SESSION, Argument.TEXT_MESSAGE), true,
            "a String message and optionally a WebSocketSession"),
    BINARY_MESSAGE("io.wsconnector.annotations.OnBinaryMessage", "onBinaryMessage",
            EnumSet.of(Argument.SESSION, Argument.BINARY_MESSAGE_BYTES, Argument.BINARY_MESSAGE_BUFFER), true,
            "a byte[] or ByteBuffer message and optionally a WebSocketSession"),
    CLOSE("io.wsconnector.annotations.OnClose", "onClose",
            EnumSet.of(Argument.SESSION, Argument.STATUS_CODE, Argument.CLOSE_REASON), false,
            "a WebSocketSession, an int status code and a String reason, each optional");

    private final String annotationName;
    private final String dispatcherMethod;
    private final Set<Argument> accepted;
    private final boolean mayReply;
    private final String acceptedDescription;

    HandlerKind(String annotationName, String dispatcherMethod, Set<Argument> accepted, boolean mayReply,
                String acceptedDescription) {
        this.annotationName = annotationName;
        this.dispatcherMethod = dispatcherMethod;
        this.accepted = accepted;
        this.mayReply = mayReply;
        this.acceptedDescription = acceptedDescription;
    }

    /** The annotation's qualified name. */
    String annotationName() {
        return annotationName;
    }

    /** The annotation as written in source, e.g. {@code @OnOpen}. */
    String displayName() {
        return "@" + annotationName.substring(annotationName.lastIndexOf('.') + 1);
    }

    /** The {@code WebSocketDispatcher} method that calls handlers of this kind. */
    String dispatcherMethod() {
        return dispatcherMethod;
    }

    /** The arguments a handler of this kind may take. */
    Set<Argument> accepted() {
        return accepted;
    }

    /** Whether a handler of this kind may return a value that is sent back. */
    boolean mayReply() {
        return mayReply;
    }

    /** The accepted parameters, in words, for error messages. */
    String acceptedDescription() {
        return acceptedDescription;
    }

    /** Whether a handler of this kind must take the message. */
    boolean requiresMessage() {
        return this == TEXT_MESSAGE || this == BINARY_MESSAGE;
    }
}
