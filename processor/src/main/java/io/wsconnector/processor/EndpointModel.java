package io.wsconnector.processor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.lang.model.element.TypeElement;

import com.squareup.javapoet.ClassName;

/**
 * A valid endpoint class: its type, the path (or path template) it is served at, its handler methods
 * and the options of its {@code @WebSocketUpgradePath}. Built only when the class has no error.
 *
 * @param handlers           in the order of the dispatcher's methods: at most one of each kind, except
 *                           {@code @OnError} methods, which come most specific type first
 * @param subprotocols       most preferred first; empty: none is negotiated
 * @param origins            allowed browser origins, besides the server's
 * @param idleTimeoutSeconds 0: the server's default
 * @param noArgConstructor   whether the class has a non-private no-argument constructor: then its
 *                           registration has one too and is listed for {@link java.util.ServiceLoader};
 *                           otherwise the registration takes a supplier of instances only, and the
 *                           user gives it to the server
 * @param dispatchKey        the JSON field whose value chooses the {@code @OnTextMessage} method, if any
 */
record EndpointModel(TypeElement element,
                     ClassName endpointClass,
                     String path,
                     List<HandlerMethod> handlers,
                     List<String> subprotocols,
                     List<String> origins,
                     int idleTimeoutSeconds,
                     boolean noArgConstructor,
                     Optional<String> dispatchKey) {

    /** The generated registration class, e.g. {@code HelloWorld_WebSocketEndpoint}. */
    ClassName registrationClass() {
        return generatedName("_WebSocketEndpoint");
    }

    /** The generated dispatcher class, e.g. {@code HelloWorld_WebSocketDispatcher}. */
    ClassName dispatcherClass() {
        return generatedName("_WebSocketDispatcher");
    }

    private ClassName generatedName(String suffix) {
        return ClassName.get(endpointClass.packageName(), String.join("_", endpointClass.simpleNames()) + suffix);
    }

    /** The handlers of one kind, in the order they are tried. */
    List<HandlerMethod> handlers(HandlerKind kind) {
        return handlers.stream().filter(handler -> handler.kind() == kind).toList();
    }

    /** Every distinct codec the handlers' typed messages and replies use, in the order they first do. */
    List<MessageCodec> codecs() {
        Set<MessageCodec> codecs = new LinkedHashSet<>();
        for (HandlerMethod handler : handlers) {
            for (Argument argument : handler.arguments()) {
                if (argument instanceof TypedMessage message) {
                    codecs.add(message.codec());
                }
            }
            if (handler.reply() instanceof TypedReply reply) {
                codecs.add(reply.codec());
            }
        }
        return List.copyOf(codecs);
    }

    /**
     * Whether a message can fail to become what a handler takes ({@code MessageDecodeException}): a
     * handler takes a typed message, or text messages are dispatched on a key.
     */
    boolean decodes() {
        return decodesText() || takesTypedMessages(HandlerKind.BINARY_MESSAGE);
    }

    /**
     * Whether text messages are decoded by a codec (a text handler takes a typed message, or they are
     * dispatched on a key): then the dispatcher takes them as the UTF-8 bytes the codecs read.
     */
    boolean decodesText() {
        return dispatchKey.isPresent() || takesTypedMessages(HandlerKind.TEXT_MESSAGE);
    }

    /** Whether a handler of this kind (text or binary messages: the only kinds that take one) takes a typed message. */
    private boolean takesTypedMessages(HandlerKind kind) {
        return handlers(kind).stream()
                .anyMatch(handler -> handler.arguments().stream().anyMatch(TypedMessage.class::isInstance));
    }

    /**
     * Whether an {@code @OnError} method takes every {@code MessageDecodeException}: one for it or for
     * one of its supertypes ({@code RuntimeException}, {@code Exception}, {@code Throwable}).
     */
    boolean handlesDecodeFailures() {
        Set<ClassName> takers = Set.of(KnownTypes.MESSAGE_DECODE_EXCEPTION, KnownTypes.RUNTIME_EXCEPTION,
                KnownTypes.EXCEPTION, KnownTypes.THROWABLE);
        return handlers(HandlerKind.ERROR).stream()
                .anyMatch(handler -> takers.contains(handler.handledError().orElseThrow().type()));
    }

    /**
     * Every distinct handshake value the handlers take, each converted once per connection: path
     * parameters in template order, then query parameters, then headers, each in the order the
     * handlers first take them.
     */
    List<HandshakeValue> handshakeValues() {
        Set<HandshakeValue> values = new LinkedHashSet<>();
        for (HandlerMethod handler : handlers) {
            for (Argument argument : handler.arguments()) {
                if (argument instanceof HandshakeValue value) {
                    values.add(value);
                }
            }
        }
        List<String> template = EndpointPaths.parameterNames(path);
        List<HandshakeValue> ordered = new ArrayList<>(values);
        ordered.sort(Comparator.comparing(HandshakeValue::source)
                .thenComparingInt(value -> value.source() == HandshakeValue.Source.PATH
                        ? template.indexOf(value.name()) : 0));
        return ordered;
    }
}
