package io.wsconnector.processor;

import static io.wsconnector.processor.KnownTypes.DISPATCHER_SPI;
import static io.wsconnector.processor.KnownTypes.ENDPOINT_SPI;
import static io.wsconnector.processor.KnownTypes.HANDSHAKE_REQUEST;
import static io.wsconnector.processor.KnownTypes.HANDSHAKE_VALUES;
import static io.wsconnector.processor.KnownTypes.SESSION;
import static io.wsconnector.processor.KnownTypes.STRING;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import javax.lang.model.element.Modifier;

import com.squareup.javapoet.AnnotationSpec;
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
    private static final String REQUEST = "request";
    private static final String ERROR = DispatcherNames.ERROR;
    private static final String CAUGHT = DispatcherNames.CAUGHT;

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
                .addOriginatingElement(model.element());
        addGenerated(type);
        DispatcherNames names = DispatcherNames.of(model);
        model.dispatchKey().ifPresent(key -> type.addField(FieldSpec.builder(KnownTypes.JSON_DISPATCH_KEY,
                        DispatcherNames.DISPATCH_KEY, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("$T.named($S)", KnownTypes.JSON_DISPATCH_KEY, key)
                .build()));
        names.codecs().forEach((codec, constant) -> type.addField(FieldSpec.builder(codec.constantType(), constant,
                        Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer(codec.initializer())
                .build()));
        type.addField(endpoint, "endpoint", Modifier.PRIVATE, Modifier.FINAL);
        Map<HandshakeValue, String> fields = names.fields();
        fields.forEach((value, field) -> type.addField(fieldType(value), field, Modifier.PRIVATE, Modifier.FINAL));
        type.addMethod(dispatcherConstructor(endpoint, fields));
        if (names.utf8()) {
            type.addMethod(MethodSpec.methodBuilder("takesUtf8Text")
                    .addAnnotation(Override.class)
                    .addModifiers(Modifier.PUBLIC)
                    .returns(TypeName.BOOLEAN)
                    .addStatement("return true")
                    .build());
        }
        for (HandlerKind kind : HandlerKind.values()) {
            List<HandlerMethod> handlers = model.handlers(kind);
            if (kind == HandlerKind.ERROR) {
                if (!handlers.isEmpty() || model.decodes()) {
                    type.addMethod(onError(handlers, names, model.decodes() && !model.handlesDecodeFailures()));
                }
            } else if (kind == HandlerKind.TEXT_MESSAGE && model.dispatchKey().isPresent()) {
                if (!handlers.isEmpty()) {
                    type.addMethod(MessageDispatch.keyed(handlers, names));
                }
            } else if (kind == HandlerKind.TEXT_MESSAGE || kind == HandlerKind.BINARY_MESSAGE) {
                handlers.forEach(handler -> type.addMethod(MessageDispatch.single(handler, names)));
            } else {
                handlers.forEach(handler -> type.addMethod(dispatchMethod(handler, names)));
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
     *
     * @param closeOnDecodeFailure whether a {@code MessageDecodeException}, which no method takes, closes
     *                             the connection with its code (1003 or 1007) rather than the runtime's 1011
     */
    private MethodSpec onError(List<HandlerMethod> handlers, DispatcherNames names, boolean closeOnDecodeFailure) {
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
                method.addStatement("$L", names.call(handler))
                        .addStatement("return true");
                handlesAll = true;
                break;
            }
            method.beginControlFlow("if ($N instanceof $T $N)", ERROR, handled.type(), CAUGHT)
                    .addStatement("$L", names.call(handler))
                    .addStatement("return true")
                    .endControlFlow();
        }
        if (!handlesAll && closeOnDecodeFailure) {
            method.beginControlFlow("if ($N instanceof $T $N)", ERROR, KnownTypes.MESSAGE_DECODE_EXCEPTION, CAUGHT)
                    .addStatement("$T.close(session, $N)", KnownTypes.DECODE_FAILURES, CAUGHT)
                    .addStatement("return true")
                    .endControlFlow();
        }
        if (!handlesAll) {
            method.addStatement("return false");
        }
        return method.build();
    }

    /** The dispatcher method of a handler that is not a message handler: it calls the handler. */
    private static MethodSpec dispatchMethod(HandlerMethod handler, DispatcherNames names) {
        MethodSpec.Builder method = MethodSpec.methodBuilder(handler.kind().dispatcherMethod())
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(SESSION, EventArgument.SESSION.dispatcherParameter());
        switch (handler.kind()) {
            case PING, PONG -> method.addParameter(MessageDispatch.BYTES, EventArgument.PAYLOAD_BYTES.dispatcherParameter());
            case CLOSE -> method
                    .addParameter(TypeName.INT, EventArgument.STATUS_CODE.dispatcherParameter())
                    .addParameter(STRING, EventArgument.CLOSE_REASON.dispatcherParameter());
            default -> { }
        }
        addThrows(method, List.of(handler));
        return method.addStatement("$L", names.call(handler)).build();
    }

    /** Declares {@code throws Exception} if one of the handlers the method calls declares a checked exception. */
    private static void addThrows(MethodSpec.Builder method, List<HandlerMethod> handlers) {
        if (handlers.stream().anyMatch(HandlerMethod::throwsChecked)) {
            method.addException(Exception.class);
        }
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
