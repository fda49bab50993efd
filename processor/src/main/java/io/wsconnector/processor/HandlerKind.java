package io.wsconnector.processor;

import static io.wsconnector.processor.EventArgument.BINARY_MESSAGE_BUFFER;
import static io.wsconnector.processor.EventArgument.BINARY_MESSAGE_BYTES;
import static io.wsconnector.processor.EventArgument.CLOSE_REASON;
import static io.wsconnector.processor.EventArgument.HANDSHAKE_REQUEST;
import static io.wsconnector.processor.EventArgument.PAYLOAD_BUFFER;
import static io.wsconnector.processor.EventArgument.PAYLOAD_BYTES;
import static io.wsconnector.processor.EventArgument.SESSION;
import static io.wsconnector.processor.EventArgument.STATUS_CODE;

import java.lang.annotation.Annotation;
import java.util.EnumSet;
import java.util.Set;

import javax.lang.model.element.Element;

import com.squareup.javapoet.ClassName;

import io.wsconnector.annotations.OnBinaryMessage;
import io.wsconnector.annotations.OnClose;
import io.wsconnector.annotations.OnError;
import io.wsconnector.annotations.OnIdleTimeout;
import io.wsconnector.annotations.OnOpen;
import io.wsconnector.annotations.OnPing;
import io.wsconnector.annotations.OnPong;
import io.wsconnector.annotations.OnTextMessage;
import io.wsconnector.annotations.OnUpgrade;

/**
 * The handler annotations, in the order of the {@code WebSocketDispatcher} methods that call them,
 * each with the parameters and return types its methods may have. Every kind also takes handshake
 * values ({@code @PathParam}, {@code @QueryParam}, {@code @HeaderParam}).
 */
enum HandlerKind {
    UPGRADE(OnUpgrade.class, "onUpgrade",
            EnumSet.of(HANDSHAKE_REQUEST, SESSION), false,
            "a HandshakeRequest and a WebSocketSession, each optional"),
    OPEN(OnOpen.class, "onOpen",
            EnumSet.of(SESSION, HANDSHAKE_REQUEST), false,
            "a WebSocketSession and a HandshakeRequest, each optional"),
    TEXT_MESSAGE(OnTextMessage.class, "onTextMessage",
            EnumSet.of(SESSION, EventArgument.TEXT_MESSAGE, HANDSHAKE_REQUEST), true,
            "a String or typed message, and optionally a WebSocketSession and a HandshakeRequest"),
    BINARY_MESSAGE(OnBinaryMessage.class, "onBinaryMessage",
            EnumSet.of(SESSION, BINARY_MESSAGE_BYTES, BINARY_MESSAGE_BUFFER, HANDSHAKE_REQUEST), true,
            "a byte[], ByteBuffer or typed message, and optionally a WebSocketSession and a HandshakeRequest"),
    PING(OnPing.class, "onPing",
            EnumSet.of(SESSION, PAYLOAD_BYTES, PAYLOAD_BUFFER, HANDSHAKE_REQUEST), false,
            "a byte[] or ByteBuffer payload, a WebSocketSession and a HandshakeRequest, each optional"),
    PONG(OnPong.class, "onPong",
            EnumSet.of(SESSION, PAYLOAD_BYTES, PAYLOAD_BUFFER, HANDSHAKE_REQUEST), false,
            "a byte[] or ByteBuffer payload, a WebSocketSession and a HandshakeRequest, each optional"),
    IDLE_TIMEOUT(OnIdleTimeout.class, "onIdleTimeout",
            EnumSet.of(SESSION, HANDSHAKE_REQUEST), false,
            "a WebSocketSession and a HandshakeRequest, each optional"),
    ERROR(OnError.class, "onError",
            EnumSet.of(SESSION, HANDSHAKE_REQUEST), false,
            "a Throwable or a subtype of it, and optionally a WebSocketSession and a HandshakeRequest"),
    CLOSE(OnClose.class, "onClose",
            EnumSet.of(SESSION, STATUS_CODE, CLOSE_REASON, HANDSHAKE_REQUEST), false,
            "a WebSocketSession, an int status code, a String reason and a HandshakeRequest, each optional");

    private final ClassName annotation;
    private final String dispatcherMethod;
    private final Set<EventArgument> accepted;
    private final boolean mayReply;
    private final String acceptedDescription;

    HandlerKind(Class<? extends Annotation> annotation, String dispatcherMethod, Set<EventArgument> accepted,
                boolean mayReply, String acceptedDescription) {
        this.annotation = ClassName.get(annotation);
        this.dispatcherMethod = dispatcherMethod;
        this.accepted = accepted;
        this.mayReply = mayReply;
        this.acceptedDescription = acceptedDescription;
    }

    /** The kinds whose annotation {@code method} has; a handler has exactly one. */
    static Set<HandlerKind> on(Element method) {
        Set<HandlerKind> kinds = EnumSet.noneOf(HandlerKind.class);
        for (HandlerKind kind : values()) {
            if (Mirrors.annotation(method, kind.annotation) != null) {
                kinds.add(kind);
            }
        }
        return kinds;
    }

    /** The annotation that marks a handler of this kind. */
    ClassName annotation() {
        return annotation;
    }

    /** The annotation as written in source, e.g. {@code @OnOpen}. */
    String displayName() {
        return "@" + annotation.simpleName();
    }

    /** The {@code WebSocketDispatcher} method that calls handlers of this kind. */
    String dispatcherMethod() {
        return dispatcherMethod;
    }

    /** The event arguments a handler of this kind may take, besides handshake values. */
    Set<EventArgument> accepted() {
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

    /** Whether a class may have several handlers of this kind: {@code @OnError}, one per exception type. */
    boolean allowsSeveral() {
        return this == ERROR;
    }
}
