package io.wsconnector.processor;

import static io.wsconnector.processor.Mirrors.annotation;
import static io.wsconnector.processor.Mirrors.annotationValue;
import static io.wsconnector.processor.Mirrors.displayType;
import static io.wsconnector.processor.Mirrors.isType;
import static io.wsconnector.processor.Mirrors.typeName;

import java.util.List;
import java.util.Optional;

import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

import io.wsconnector.processor.HandshakeValue.Conversion;
import io.wsconnector.processor.HandshakeValue.Source;

/**
 * Checks a handler parameter annotated with {@code @PathParam}, {@code @QueryParam} or
 * {@code @HeaderParam}: the name it binds and the type it is converted to, reporting each mistake on
 * the parameter.
 */
final class HandshakeValueValidator {
    private final ErrorReport report;
    private final Mirrors mirrors;

    HandshakeValueValidator(ErrorReport report, Mirrors mirrors) {
        this.report = report;
        this.mirrors = mirrors;
    }

    /**
     * @param path the endpoint's path, or empty if it is invalid (then path parameters are not checked
     *             against it)
     * @return the value the parameter binds, or empty if an error was reported
     */
    Optional<HandshakeValue> handshakeValue(HandlerKind kind, String method, VariableElement parameter,
                                            Source source, Optional<String> path) {
        String parameterName = parameter.getSimpleName().toString();
        AnnotationValue value = annotationValue(annotation(parameter, source.annotation()), "value");
        String written = value != null && value.getValue() instanceof String text ? text : "";
        String name = written.isEmpty() && source != Source.HEADER ? parameterName : written;
        boolean valid = true;
        if (source == Source.HEADER && !HttpSyntax.isToken(name)) {
            report.error(Messages.invalidHeaderName(kind, method, parameterName, name), parameter);
            valid = false;
        }
        if (source == Source.PATH && path.isPresent() && !EndpointPaths.parameterNames(path.get()).contains(name)) {
            report.error(Messages.unknownPathParameter(kind, method, parameterName, name, path.get(),
                    EndpointPaths.parameterNames(path.get())), parameter);
            valid = false;
        }

        TypeMirror type = parameter.asType();
        boolean optional = isType(type, KnownTypes.OPTIONAL);
        if (optional && source == Source.PATH) {
            List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
            report.error(Messages.pathParameterOptional(kind, method, parameterName, displayType(type),
                    arguments.size() == 1 ? displayType(arguments.get(0)) : null), parameter);
            return Optional.empty();
        }
        TypeMirror valueType = type;
        if (optional) {
            List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
            valueType = arguments.size() == 1 ? arguments.get(0) : null;
        }
        Optional<Conversion> conversion = valueType == null ? Optional.empty() : conversion(valueType);
        if (conversion.isEmpty()) {
            report.error(Messages.handshakeValueType(source, kind, method, parameterName, displayType(type)),
                    parameter);
            return Optional.empty();
        }
        if (!valid) {
            return Optional.empty();
        }
        Optional<TypeElement> privateType = Mirrors.privateType(valueType);
        if (privateType.isPresent()) {
            report.error(Messages.parameterTypePrivate(kind, method, parameterName, typeName(valueType),
                    privateType.get().getSimpleName().toString()), parameter);
            return Optional.empty();
        }
        return Optional.of(new HandshakeValue(source, name, conversion.get(), mirrors.boxedClass(valueType),
                optional));
    }

    /** How a handshake value of {@code type} is converted, or empty if the type is not supported. */
    private static Optional<Conversion> conversion(TypeMirror type) {
        if (type.getKind() == TypeKind.INT || isType(type, KnownTypes.INTEGER)) {
            return Optional.of(Conversion.INT);
        }
        if (type.getKind() == TypeKind.LONG || isType(type, KnownTypes.LONG)) {
            return Optional.of(Conversion.LONG);
        }
        if (type.getKind() == TypeKind.BOOLEAN || isType(type, KnownTypes.BOOLEAN)) {
            return Optional.of(Conversion.BOOLEAN);
        }
        if (isType(type, KnownTypes.STRING)) {
            return Optional.of(Conversion.STRING);
        }
        if (isType(type, KnownTypes.UUID)) {
            return Optional.of(Conversion.UUID);
        }
        if (type.getKind() == TypeKind.DECLARED && ((DeclaredType) type).asElement().getKind() == ElementKind.ENUM) {
            return Optional.of(Conversion.ENUM);
        }
        return Optional.empty();
    }
}
