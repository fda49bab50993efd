package io.wsconnector.processor;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
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
 */
final class EndpointGenerator {
    static final ClassName ENDPOINT_SPI = ClassName.get("io.wsconnector.runtime.spi", "WebSocketEndpoint");
    static final ClassName DISPATCHER_SPI = ClassName.get("io.wsconnector.runtime.spi", "WebSocketDispatcher");
    private static final ClassName SESSION = ClassName.get("io.wsconnector.runtime", "WebSocketSession");
    private static final ClassName STRING = ClassName.get(String.class);

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

    private TypeSpec dispatcher(EndpointModel model) {
        ClassName endpoint = model.endpointClass();
        TypeSpec.Builder type = TypeSpec.classBuilder(model.dispatcherClass())
                .addJavadoc("Delivers one connection's events to its {@link $T} instance.\n", endpoint)
                .addModifiers(Modifier.FINAL)
                .addSuperinterface(DISPATCHER_SPI)
                .addOriginatingElement(model.element())
                .addField(endpoint, "endpoint", Modifier.PRIVATE, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder()
                        .addParameter(endpoint, "endpoint")
                        .addStatement("this.endpoint = endpoint")
                        .build());
        addGenerated(type);
        for (HandlerMethod handler : model.handlers()) {
            type.addMethod(dispatchMethod(handler));
        }
        return type.build();
    }

    private MethodSpec dispatchMethod(HandlerMethod handler) {
        MethodSpec.Builder method = MethodSpec.methodBuilder(handler.kind().dispatcherMethod())
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(SESSION, Argument.SESSION.dispatcherParameter());
        switch (handler.kind()) {
            case OPEN -> { }
            case TEXT_MESSAGE -> method.addParameter(STRING, Argument.TEXT_MESSAGE.dispatcherParameter());
            case BINARY_MESSAGE -> method.addParameter(ArrayTypeName.of(TypeName.BYTE),
                    Argument.BINARY_MESSAGE_BYTES.dispatcherParameter());
            case CLOSE -> method
                    .addParameter(TypeName.INT, Argument.STATUS_CODE.dispatcherParameter())
                    .addParameter(STRING, Argument.CLOSE_REASON.dispatcherParameter());
        }
        if (handler.throwsChecked()) {
            method.addException(Exception.class);
        }
        CodeBlock call = CodeBlock.of("endpoint.$N($L)", handler.methodName(), handler.arguments().stream()
                .map(argument -> argument == Argument.BINARY_MESSAGE_BUFFER
                        ? CodeBlock.of("$T.wrap(message)", ByteBuffer.class)
                        : CodeBlock.of("$N", argument.dispatcherParameter()))
                .collect(CodeBlock.joining(", ")));
        if (handler.reply() != Reply.NONE) {
            TypeName replyType = switch (handler.reply()) {
                case TEXT -> STRING;
                case BYTES -> ArrayTypeName.of(TypeName.BYTE);
                default -> ClassName.get(ByteBuffer.class);
            };
            method.addStatement("$T reply = $L", replyType, call)
                    .beginControlFlow("if (reply != null)")
                    .addStatement("session.$N(reply)", handler.reply().sessionMethod())
                    .endControlFlow();
        } else {
            method.addStatement("$L", call);
        }
        return method.build();
    }

    private TypeSpec registration(EndpointModel model) {
        ClassName endpoint = model.endpointClass();
        TypeName instances = ParameterizedTypeName.get(ClassName.get(Supplier.class),
                WildcardTypeName.subtypeOf(endpoint));
        TypeSpec.Builder type = TypeSpec.classBuilder(model.registrationClass())
                .addJavadoc("Serves {@link $T} at {@value #PATH}. Found by the wsconnector runtime through\n"
                        + "{@link java.util.ServiceLoader}, or given to it with {@code addEndpoint}.\n", endpoint)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(ENDPOINT_SPI)
                .addOriginatingElement(model.element())
                .addField(FieldSpec.builder(STRING, "PATH", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("The path the endpoint is served at.\n")
                        .initializer("$S", model.path())
                        .build())
                .addField(instances, "instances", Modifier.PRIVATE, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder()
                        .addJavadoc("Serves each connection with a new {@link $T}.\n", endpoint)
                        .addModifiers(Modifier.PUBLIC)
                        .addStatement("this($T::new)", endpoint)
                        .build())
                .addMethod(MethodSpec.constructorBuilder()
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
                        .build())
                .addMethod(MethodSpec.methodBuilder("endpointClassName")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(STRING)
                        .addStatement("return $S", endpoint.canonicalName())
                        .build())
                .addMethod(MethodSpec.methodBuilder("newDispatcher")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(DISPATCHER_SPI)
                        .addStatement("$T endpoint = $T.requireNonNull(instances.get(), $S)", endpoint, Objects.class,
                                "the instances supplier returned null")
                        .addStatement("return new $T(endpoint)", model.dispatcherClass())
                        .build());
        addGenerated(type);
        return type.build();
    }

    private void addGenerated(TypeSpec.Builder type) {
        if (generated != null) {
            type.addAnnotation(generated);
        }
    }
}
