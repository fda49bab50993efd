package io.wsconnector.processor;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.squareup.javapoet.CodeBlock;

/**
 * The names a generated dispatcher's code refers to, the fields of handshake values and the constants
 * of codecs, and the calls of handler methods written with them.
 *
 * @param fields the field of each handshake value
 * @param codecs the constant of each codec, e.g. {@code MOVE} for the codec of {@code Move}
 * @param keyed  whether the endpoint has a dispatch key, through which its text messages are decoded
 * @param utf8   whether text messages arrive as their UTF-8 bytes ({@code onUtf8TextMessage}), for codecs
 */
record DispatcherNames(Map<HandshakeValue, String> fields, Map<MessageCodec, String> codecs, boolean keyed,
                       boolean utf8) {
    /** The parameter of the dispatcher's methods that carries the exception, in {@code onError}. */
    static final String ERROR = "error";
    /** The pattern variable of the exception in {@code onError}'s type tests. */
    static final String CAUGHT = "e";
    /** The constant holding the dispatch key's reader. */
    static final String DISPATCH_KEY = "DISPATCH_KEY";
    /** Names the dispatcher's methods use for parameters and locals: a field of that name would be shadowed. */
    private static final Set<String> METHOD_NAMES = Set.of("endpoint", "session", "request", "message", "statusCode",
            "reason", "payload", ERROR, CAUGHT, "reply", "key");

    /** Names the codecs' constants, then the handshake values' fields, none shadowing another name. */
    static DispatcherNames of(EndpointModel model) {
        Map<MessageCodec, String> codecs = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>(METHOD_NAMES);
        taken.add(DISPATCH_KEY);
        for (MessageCodec codec : model.codecs()) {
            String base = constantName(codec.type().simpleName()) + (codec.binary() ? "_BINARY" : "");
            String name = base;
            for (int i = 2; taken.contains(name); i++) {
                name = base + "_" + i;
            }
            taken.add(name);
            codecs.put(codec, name);
        }
        return new DispatcherNames(HandshakeValueFields.names(model.handshakeValues(), taken), codecs,
                model.dispatchKey().isPresent(), model.decodesText());
    }

    /** {@code MOVE_REQUEST} for {@code MoveRequest}. */
    private static String constantName(String simpleName) {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < simpleName.length(); i++) {
            char c = simpleName.charAt(i);
            if (i > 0 && Character.isUpperCase(c) && Character.isLowerCase(simpleName.charAt(i - 1))) {
                name.append('_');
            }
            name.append(c);
        }
        return name.toString().toUpperCase(Locale.ROOT);
    }

    /** {@code endpoint.handler(arguments…)}, inside a dispatcher method. */
    CodeBlock call(HandlerMethod handler) {
        return CodeBlock.of("endpoint.$N($L)", handler.methodName(), handler.arguments().stream()
                .map(this::argument)
                .collect(CodeBlock.joining(",$W")));
    }

    private CodeBlock argument(Argument argument) {
        return switch (argument) {
            case HandshakeValue value -> CodeBlock.of("$N", fields.get(value));
            case HandledError handled -> CodeBlock.of("$N", handled.handlesAll() ? ERROR : CAUGHT);
            case TypedMessage typed -> decode(typed.codec());
            case EventArgument event -> switch (event) {
                case BINARY_MESSAGE_BUFFER, PAYLOAD_BUFFER ->
                        CodeBlock.of("$T.wrap($N)", ByteBuffer.class, event.dispatcherParameter());
                case HANDSHAKE_REQUEST -> CodeBlock.of("$N.handshake()", EventArgument.SESSION.dispatcherParameter());
                case TEXT_MESSAGE -> utf8 ? CodeBlock.of("new $T($N, $T.UTF_8)", String.class, event.dispatcherParameter(),
                        StandardCharsets.class) : CodeBlock.of("$N", event.dispatcherParameter());
                default -> CodeBlock.of("$N", event.dispatcherParameter());
            };
        };
    }

    /**
     * The message decoded by its codec: a text message from its UTF-8 bytes, and with a dispatch key
     * through the key, which has checked the JSON while reading the key, so that the codec does not check
     * it again.
     */
    private CodeBlock decode(MessageCodec codec) {
        String message = EventArgument.TEXT_MESSAGE.dispatcherParameter();
        if (codec.binary()) {
            return CodeBlock.of("$N.decode($N)", codecs.get(codec), message);
        }
        return keyed ? CodeBlock.of("$N.decode($N, $N)", DISPATCH_KEY, codecs.get(codec), message)
                : CodeBlock.of("$N.decodeUtf8($N)", codecs.get(codec), message);
    }

    /** The codec constants in declaration order. */
    List<Map.Entry<MessageCodec, String>> codecConstants() {
        return List.copyOf(codecs.entrySet());
    }
}
