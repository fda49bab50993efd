package io.wsconnector.processor;

import static io.wsconnector.processor.KnownTypes.ASYNC_REPLIES;
import static io.wsconnector.processor.KnownTypes.DISPATCHER_SPI;
import static io.wsconnector.processor.KnownTypes.ENDPOINT_SPI;
import static io.wsconnector.processor.KnownTypes.HANDSHAKE_REQUEST;
import static io.wsconnector.processor.KnownTypes.HANDSHAKE_VALUES;
import static io.wsconnector.processor.KnownTypes.SESSION;
import static io.wsconnector.processor.KnownTypes.STRING;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import javax.lang.model.element.Modifier;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.ArrayTypeName;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import com.squareup.javapoet.WildcardTypeName;

/**
 * Turns a valid {@link EndpointModel} into two Java files: the dispatcher, which calls the endpoint's
 * handler methods directly, and the registration, which binds it to its path.
 *
 * <p>Handshake values are converted once per connection, when the registration creates the dispatcher
 * with the handshake request, into final fields that the handler calls pass; no handler call looks a
 * value up.
 */
final class EndpointGenerator {
    private static final TypeName BYTES = ArrayTypeName.of(TypeName.BYTE);
    private static final TypeName PENDING_REPLY = ParameterizedTypeName.get(ClassName.get(CompletionStage.class),
            WildcardTypeName.subtypeOf(Object.class));
    private static final String REQUEST = "request";
    private static final String ERROR = "error";
    /** The pattern variable of the exception in {@code onError}'s type tests. */
    private static final String CAUGHT = "e";
    /** Names the dispatcher's methods already use: a field of that name would be shadowed. */
    private static final Set<String> RESERVED_NAMES = Set.of("endpoint", "session", REQUEST, "message", "statusCode",
            "reason", "payload", ERROR, CAUGHT);

    private final AnnotationSpec generated;

    /**
     * @param generatedAnnotation {@code javax.annotation.processing.Generated}, or {@code null} when
     *                            the target platform lacks it
     */
    EndpointGenerator(ClassName generatedAnnotation) {
        this.generated = generatedAnnotation == null ? null
                : AnnotationSpec.builder(generatedAnnotation)
                        .addMember("value", "$S", WebSocketProcessor.class.getName())
                        .build();
    }

    List<JavaFile> generate(EndpointModel model) {
        return List.of(javaFile(model, dispatcher(model)), javaFile(model, registration(model)));
    }

    private JavaFile javaFile(EndpointModel model, TypeSpec type) {
        return JavaFile.builder(model.endpointClass().packageName(), type)
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }

    // ---- the dispatcher

    private TypeSpec dispatcher(EndpointModel model) {
        ClassName endpoint = model.endpointClass();
        TypeSpec.Builder type = TypeSpec.classBuilder(model.dispatcherClass())
                .addJavadoc("Delivers one connection's events to its {@link $T} instance.\n", endpoint)
                .addModifiers(Modifier.FINAL)
                .addSuperinterface(DISPATCHER_SPI)
                .addOriginatingElement(model.element())
                .addField(endpoint, "endpoint", Modifier.PRIVATE, Modifier.FINAL);
        addGenerated(type);
        Map<HandshakeValue, String> fields = HandshakeValueFields.names(model.handshakeValues(), RESERVED_NAMES);
        fields.forEach((value, field) -> type.addField(fieldType(value), field, Modifier.PRIVATE, Modifier.FINAL));
        type.addMethod(dispatcherConstructor(endpoint, fields));
        for (HandlerKind kind : HandlerKind.values()) {
            List<HandlerMethod> handlers = model.handlers(kind);
            if (kind == HandlerKind.ERROR) {
                if (!handlers.isEmpty()) {
                    type.addMethod(onError(handlers, fields));
                }
            } else {
                for (HandlerMethod handler : handlers) {
                    type.addMethod(dispatchMethod(handler, fields));
                }
            }
        }
        return type.build();
    }

    private static TypeName fieldType(HandshakeValue value) {
        if (value.optional()) {
            return ParameterizedTypeName.get(ClassName.get(Optional.class), value.type());
        }
        return value.type().isBoxedPrimitive() ? value.type().unbox() : value.type();
    }

    /**
     * The dispatcher's constructor: takes the endpoint instance and, when the handlers take handshake
     * values, the handshake request, converting each value once into its final field.
     */
    private static MethodSpec dispatcherConstructor(ClassName endpoint, Map<HandshakeValue, String> fields) {
        MethodSpec.Builder constructor = MethodSpec.constructorBuilder()
                .addParameter(endpoint, "endpoint");
        if (!fields.isEmpty()) {
            constructor.addParameter(HANDSHAKE_REQUEST, REQUEST);
        }
        constructor.addStatement("this.endpoint = endpoint");
        fields.forEach((value, field) -> constructor.addStatement("this.$N = $L", field, conversion(value)));
        return constructor.build();
    }

    /** The expression that reads and converts a handshake value from the {@code request}. */
    private static CodeBlock conversion(HandshakeValue value) {
        CodeBlock raw = switch (value.source()) {
            case PATH -> CodeBlock.of("$N.pathParam($S)", REQUEST, value.name());
            case QUERY -> CodeBlock.of("$N.queryParam($S)", REQUEST, value.name());
            case HEADER -> CodeBlock.of("$N.header($S)", REQUEST, value.name());
        };
        CodeBlock parser = switch (value.conversion()) {
            case STRING -> null;
            case INT -> CodeBlock.of("$T::parseInt", Integer.class);
            case LONG -> CodeBlock.of("$T::parseLong", Long.class);
            case BOOLEAN -> CodeBlock.of("$T::parseBoolean", HANDSHAKE_VALUES);
            case UUID -> CodeBlock.of("$T::fromString", UUID.class);
            case ENUM -> CodeBlock.of("$T::valueOf", value.type());
        };
        if (value.optional()) {
            return parser == null ? raw : CodeBlock.of("$T.convertOptional($L,$W$S,$W$L)",
                    HANDSHAKE_VALUES, raw, value.description(), parser);
        }
        if (value.source() == HandshakeValue.Source.PATH) {
            // the route matched the template, so the value is there: only its conversion can fail
            return parser == null ? raw
                    : CodeBlock.of("$T.convert($L,$W$S,$W$L)", HANDSHAKE_VALUES, raw, value.description(), parser);
        }
        return parser == null
                ? CodeBlock.of("$T.require($L,$W$S)", HANDSHAKE_VALUES, raw, value.description())
                : CodeBlock.of("$T.require($L,$W$S,$W$L)", HANDSHAKE_VALUES, raw, value.description(), parser);
    }

    /**
     * {@code onError}: tries the {@code @OnError} methods, most specific type first; each that matches
     * handles the exception. A method for {@code Throwable} matches every exception, so it comes last
     * and without a type test.
     */
    private MethodSpec onError(List<HandlerMethod> handlers, Map<HandshakeValue, String> fields) {
        MethodSpec.Builder method = MethodSpec.methodBuilder(HandlerKind.ERROR.dispatcherMethod())
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.BOOLEAN)
                .addParameter(SESSION, EventArgument.SESSION.dispatcherParameter())
                .addParameter(Throwable.class, ERROR);
        addThrows(method, handlers);
        boolean handlesAll = false;
        for (HandlerMethod handler : handlers) {
            HandledError handled = handler.handledError().orElseThrow();
            if (handled.handlesAll()) {
                method.addStatement("$L", call(handler, fields))
                        .addStatement("return true");
                handlesAll = true;
                break;
            }
            method.beginControlFlow("if ($N instanceof $T $N)", ERROR, handled.type(), CAUGHT)
                    .addStatement("$L", call(handler, fields))
                    .addStatement("return true")
                    .endControlFlow();
        }
        if (!handlesAll) {
            method.addStatement("return false");
        }
        return method.build();
    }

    private MethodSpec dispatchMethod(HandlerMethod handler, Map<HandshakeValue, String> fields) {
        MethodSpec.Builder method = MethodSpec.methodBuilder(handler.kind().dispatcherMethod())
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(SESSION, EventArgument.SESSION.dispatcherParameter());
        boolean message = handler.kind() == HandlerKind.TEXT_MESSAGE || handler.kind() == HandlerKind.BINARY_MESSAGE;
        if (message) {
            method.returns(PENDING_REPLY);
        }
        switch (handler.kind()) {
            case TEXT_MESSAGE -> method.addParameter(STRING, EventArgument.TEXT_MESSAGE.dispatcherParameter());
            case BINARY_MESSAGE -> method.addParameter(BYTES, EventArgument.BINARY_MESSAGE_BYTES.dispatcherParameter());
            case PING, PONG -> method.addParameter(BYTES, EventArgument.PAYLOAD_BYTES.dispatcherParameter());
            case CLOSE -> method
                    .addParameter(TypeName.INT, EventArgument.STATUS_CODE.dispatcherParameter())
                    .addParameter(STRING, EventArgument.CLOSE_REASON.dispatcherParameter());
            default -> { }
        }
        addThrows(method, List.of(handler));
        CodeBlock call = call(handler, fields);
        Reply reply = handler.reply();
        if (reply.isAsync()) {
            method.addStatement("return $T.$N(session, $L)", ASYNC_REPLIES, reply.method(handler.broadcast()), call);
            return method.build();
        }
        if (reply != Reply.NONE) {
            TypeName replyType = switch (reply) {
                case TEXT -> STRING;
                case BYTES -> BYTES;
                default -> ClassName.get(ByteBuffer.class);
            };
            method.addStatement("$T reply = $L", replyType, call)
                    .beginControlFlow("if (reply != null)")
                    .addStatement("session.$N(reply)", reply.method(handler.broadcast()))
                    .endControlFlow();
        } else {
            method.addStatement("$L", call);
        }
        if (message) {
            method.addStatement("return null");
        }
        return method.build();
    }

    /** Declares {@code throws Exception} if one of the handlers the method calls declares a checked exception. */
    private static void addThrows(MethodSpec.Builder method, List<HandlerMethod> handlers) {
        if (handlers.stream().anyMatch(HandlerMethod::throwsChecked)) {
            method.addException(Exception.class);
        }
    }

    /** {@code endpoint.handler(arguments…)}, inside a dispatcher method. */
    private static CodeBlock call(HandlerMethod handler, Map<HandshakeValue, String> fields) {
        return CodeBlock.of("endpoint.$N($L)", handler.methodName(), handler.arguments().stream()
                .map(argument -> argument(argument, fields))
                .collect(CodeBlock.joining(",$W")));
    }

    private static CodeBlock argument(Argument argument, Map<HandshakeValue, String> fields) {
        return switch (argument) {
            case HandshakeValue value -> CodeBlock.of("$N", fields.get(value));
            case HandledError handled -> CodeBlock.of("$N", handled.handlesAll() ? ERROR : CAUGHT);
            case EventArgument event -> switch (event) {
                case BINARY_MESSAGE_BUFFER, PAYLOAD_BUFFER ->
                        CodeBlock.of("$T.wrap($N)", ByteBuffer.class, event.dispatcherParameter());
                case HANDSHAKE_REQUEST -> CodeBlock.of("$N.handshake()", EventArgument.SESSION.dispatcherParameter());
                default -> CodeBlock.of("$N", event.dispatcherParameter());
            };
        };
    }

    // ---- the registration

    private TypeSpec registration(EndpointModel model) {
        ClassName endpoint = model.endpointClass();
        TypeName instances = ParameterizedTypeName.get(ClassName.get(Supplier.class),
                WildcardTypeName.subtypeOf(endpoint));
        TypeSpec.Builder type = TypeSpec.classBuilder(model.registrationClass())
                .addJavadoc(registrationJavadoc(model))
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(ENDPOINT_SPI)
                .addOriginatingElement(model.element())
                .addField(FieldSpec.builder(STRING, "PATH", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("The path the endpoint is served at.\n")
                        .initializer("$S", model.path())
                        .build())
                .addField(instances, "instances", Modifier.PRIVATE, Modifier.FINAL);
        if (model.noArgConstructor()) {
            type.addMethod(MethodSpec.constructorBuilder()
                    .addJavadoc("Serves each connection with a new {@link $T}.\n", endpoint)
                    .addModifiers(Modifier.PUBLIC)
                    .addStatement("this($T::new)", endpoint)
                    .build());
        }
        type.addMethod(MethodSpec.constructorBuilder()
                        .addJavadoc("Serves each connection with the {@link $T} that {@code instances} supplies.\n\n"
                                + "@param instances called once per connection; may return a new or a shared instance\n",
                                endpoint)
                        .addModifiers(Modifier.PUBLIC)
                        .addParameter(instances, "instances")
                        .addStatement("this.instances = $T.requireNonNull(instances, $S)", Objects.class, "instances")
                        .build())
                .addMethod(MethodSpec.methodBuilder("path")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(STRING)
                        .addStatement("return PATH")
                        .build());
        if (!model.subprotocols().isEmpty()) {
            type.addMethod(MethodSpec.methodBuilder("subprotocols")
                    .addAnnotation(Override.class)
                    .addModifiers(Modifier.PUBLIC)
                    .returns(ParameterizedTypeName.get(List.class, String.class))
                    .addStatement("return $T.of($L)", List.class, strings(model.subprotocols()))
                    .build());
        }
        if (!model.origins().isEmpty()) {
            type.addMethod(MethodSpec.methodBuilder("allowedOrigins")
                    .addAnnotation(Override.class)
                    .addModifiers(Modifier.PUBLIC)
                    .returns(ParameterizedTypeName.get(Set.class, String.class))
                    .addStatement("return $T.of($L)", Set.class, strings(model.origins()))
                    .build());
        }
        if (model.idleTimeoutSeconds() > 0) {
            type.addMethod(MethodSpec.methodBuilder("idleTimeoutSeconds")
                    .addAnnotation(Override.class)
                    .addModifiers(Modifier.PUBLIC)
                    .returns(TypeName.INT)
                    .addStatement("return $L", model.idleTimeoutSeconds())
                    .build());
        }
        type.addMethod(MethodSpec.methodBuilder("endpointClassName")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(STRING)
                        .addStatement("return $S", endpoint.canonicalName())
                        .build())
                .addMethod(MethodSpec.methodBuilder("newDispatcher")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(DISPATCHER_SPI)
                        .addParameter(HANDSHAKE_REQUEST, REQUEST)
                        .addStatement("$T endpoint = $T.requireNonNull(instances.get(), $S)", endpoint, Objects.class,
                                "the instances supplier returned null")
                        .addStatement(model.handshakeValues().isEmpty()
                                ? CodeBlock.of("return new $T(endpoint)", model.dispatcherClass())
                                : CodeBlock.of("return new $T(endpoint, $N)", model.dispatcherClass(), REQUEST))
                        .build());
        addGenerated(type);
        return type.build();
    }

    private static CodeBlock registrationJavadoc(EndpointModel model) {
        ClassName endpoint = model.endpointClass();
        if (model.noArgConstructor()) {
            return CodeBlock.of("Serves {@link $T} at {@value #PATH}. Found by the wsconnector runtime through\n"
                    + "{@link java.util.ServiceLoader}, or given to it with {@code addEndpoint}.\n", endpoint);
        }
        return CodeBlock.of("Serves {@link $T} at {@value #PATH}. Given to the wsconnector runtime with\n"
                + "{@code addEndpoint} and a supplier of instances: {@code $L} has no no-argument\n"
                + "constructor, so the runtime cannot find it through {@link java.util.ServiceLoader}.\n",
                endpoint, endpoint.simpleName());
    }

    private static CodeBlock strings(List<String> values) {
        return values.stream().map(value -> CodeBlock.of("$S", value)).collect(CodeBlock.joining(",$W"));
    }

    private void addGenerated(TypeSpec.Builder type) {
        if (generated != null) {
            type.addAnnotation(generated);
        }
    }
}
