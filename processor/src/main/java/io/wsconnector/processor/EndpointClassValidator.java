package io.wsconnector.processor;

import static io.wsconnector.processor.Mirrors.annotation;
import static io.wsconnector.processor.Mirrors.annotationValue;
import static io.wsconnector.processor.Mirrors.arrayValue;
import static io.wsconnector.processor.Mirrors.typeName;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Checks an endpoint class itself (what kind of type it is, its modifiers, nesting, type parameters and
 * constructor) and what its {@code @BasePath} and {@code @WebSocketUpgradePath} say (the path, the
 * subprotocols, the origins and the idle timeout), reporting each mistake on the element or value at
 * fault.
 */
final class EndpointClassValidator {
    private final ErrorReport report;
    private final Mirrors mirrors;

    EndpointClassValidator(ErrorReport report, Mirrors mirrors) {
        this.report = report;
        this.mirrors = mirrors;
    }

    /**
     * Reports {@code @WebSocketUpgradePath} on an interface, enum, record or annotation type, which is
     * checked no further.
     *
     * @return whether the type is a class
     */
    boolean checkIsClass(TypeElement type) {
        if (type.getKind() == ElementKind.CLASS) {
            return true;
        }
        report.error(Messages.endpointNotAClass(type.getSimpleName().toString(), describeKind(type.getKind())),
                type, annotation(type, KnownTypes.UPGRADE_PATH));
        return false;
    }

    private static String describeKind(ElementKind kind) {
        return switch (kind) {
            case INTERFACE -> "an interface";
            case ENUM -> "an enum";
            case RECORD -> "a record";
            case ANNOTATION_TYPE -> "an annotation type";
            default -> "a " + kind.name().toLowerCase(Locale.ROOT);
        };
    }

    /**
     * Checks that the generated code can create and call the class: not private, abstract, inner, nested
     * in a private class or generic, and its no-argument constructor, if it has a non-private one,
     * throws no checked exception. A class without one is valid: its instances come from the supplier
     * the user gives its registration.
     *
     * @return whether the class has a non-private no-argument constructor, with which its generated
     *         registration can create instances without a supplier
     */
    boolean checkClass(TypeElement type) {
        String typeName = type.getSimpleName().toString();
        Set<Modifier> modifiers = type.getModifiers();
        if (modifiers.contains(Modifier.PRIVATE)) {
            report.error(Messages.endpointPrivate(typeName), type);
        }
        if (modifiers.contains(Modifier.ABSTRACT)) {
            report.error(Messages.endpointAbstract(typeName), type);
        }
        if (type.getNestingKind() == NestingKind.MEMBER && !modifiers.contains(Modifier.STATIC)) {
            report.error(Messages.endpointInner(typeName), type);
        } else if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) {
            report.error(Messages.endpointInner(typeName), type);
        }
        for (Element enclosing = type.getEnclosingElement(); enclosing instanceof TypeElement outer;
                enclosing = outer.getEnclosingElement()) {
            if (outer.getModifiers().contains(Modifier.PRIVATE)) {
                report.error(Messages.endpointInPrivateClass(typeName, outer.getSimpleName().toString()), type);
            }
        }
        if (!type.getTypeParameters().isEmpty()) {
            report.error(Messages.endpointGeneric(typeName), type);
        }
        // The default constructor has the class's access, so a private class is reported once, above.
        Optional<ExecutableElement> noArgConstructor = ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
                .filter(c -> c.getParameters().isEmpty())
                .filter(c -> !c.getModifiers().contains(Modifier.PRIVATE) || mirrors.isMandated(c))
                .findFirst();
        if (noArgConstructor.isEmpty()) {
            return false;
        }
        for (TypeMirror thrown : noArgConstructor.get().getThrownTypes()) {
            if (!mirrors.isSubtype(thrown, KnownTypes.RUNTIME_EXCEPTION)
                    && !mirrors.isSubtype(thrown, KnownTypes.ERROR)) {
                report.error(Messages.endpointConstructorThrows(typeName, typeName(thrown)), noArgConstructor.get());
            }
        }
        return true;
    }

    /**
     * The path the endpoint is served at: {@code @BasePath} and {@code @WebSocketUpgradePath} joined.
     *
     * @return the path, or empty if either is invalid (reported) or missing (javac reports it)
     */
    Optional<String> path(TypeElement type) {
        AnnotationMirror upgrade = annotation(type, KnownTypes.UPGRADE_PATH);
        Optional<String> upgradePath = checkedPath(type, upgrade, "@WebSocketUpgradePath");
        AnnotationMirror base = annotation(type, KnownTypes.BASE_PATH);
        Optional<String> basePath = base == null ? Optional.of("/") : checkedPath(type, base, "@BasePath");
        if (upgradePath.isEmpty() || basePath.isEmpty()) {
            return Optional.empty();
        }
        String path = EndpointPaths.join(basePath.get(), upgradePath.get());
        Optional<String> repeated = EndpointPaths.repeatedParameter(path);
        if (repeated.isPresent()) {
            // each path names its parameters once, so the repeated one is in both
            report.error(Messages.pathParameterInBothPaths(repeated.get(), basePath.get(), upgradePath.get()),
                    type, upgrade, annotationValue(upgrade, "value"));
            return Optional.empty();
        }
        return Optional.of(path);
    }

    private Optional<String> checkedPath(TypeElement type, AnnotationMirror annotation, String annotationName) {
        AnnotationValue value = annotationValue(annotation, "value");
        if (value == null || !(value.getValue() instanceof String path)) {
            return Optional.empty(); // javac reports the missing or mistyped value itself
        }
        Optional<String> problem = EndpointPaths.problem(path);
        if (problem.isPresent()) {
            report.error(Messages.invalidPath(annotationName, path, problem.get()), type, annotation, value);
            return Optional.empty();
        }
        return Optional.of(path);
    }

    /** The valid subprotocols of {@code @WebSocketUpgradePath}, most preferred first, each once. */
    List<String> subprotocols(TypeElement type) {
        return distinctValues(type, "subprotocols",
                subprotocol -> HttpSyntax.isToken(subprotocol)
                        ? Optional.empty() : Optional.of(Messages.invalidSubprotocol(subprotocol)),
                Messages::repeatedSubprotocol);
    }

    /** The valid origins of {@code @WebSocketUpgradePath}, each once. */
    List<String> origins(TypeElement type) {
        return distinctValues(type, "origins",
                origin -> HttpSyntax.originProblem(origin).map(problem -> Messages.invalidOrigin(origin, problem)),
                Messages::repeatedOrigin);
    }

    /**
     * The strings of the array {@code member} of {@code @WebSocketUpgradePath}, in order, reporting on
     * its value each one that is invalid or written before.
     *
     * @param invalid  the error for a value, if it is invalid
     * @param repeated the error for a value written twice
     */
    private List<String> distinctValues(TypeElement type, String member, Function<String, Optional<String>> invalid,
                                        Function<String, String> repeated) {
        AnnotationMirror upgrade = annotation(type, KnownTypes.UPGRADE_PATH);
        List<String> values = new ArrayList<>();
        for (AnnotationValue value : arrayValue(upgrade, member)) {
            if (!(value.getValue() instanceof String text)) {
                continue; // javac reports a mistyped value itself
            }
            Optional<String> error = invalid.apply(text);
            if (error.isPresent()) {
                report.error(error.get(), type, upgrade, value);
            } else if (values.contains(text)) {
                report.error(repeated.apply(text), type, upgrade, value);
            } else {
                values.add(text);
            }
        }
        return List.copyOf(values);
    }

    /**
     * The JSON field of {@code @WebSocketUpgradePath} that text messages are dispatched on; reported when
     * the JSON module that reads it is missing.
     *
     * @return the field's name; empty if the endpoint has none
     */
    Optional<String> dispatchKey(TypeElement type) {
        AnnotationMirror upgrade = annotation(type, KnownTypes.UPGRADE_PATH);
        AnnotationValue value = annotationValue(upgrade, "dispatchKey");
        if (value == null || !(value.getValue() instanceof String key) || key.isEmpty()) {
            return Optional.empty();
        }
        if (!mirrors.exists(KnownTypes.JSON_DISPATCH_KEY)) {
            report.error(Messages.dispatchKeyWithoutJson(key), type, upgrade, value);
        }
        return Optional.of(key);
    }

    /** The idle timeout of {@code @WebSocketUpgradePath}; 0, the server's default, if unset or invalid. */
    int idleTimeoutSeconds(TypeElement type) {
        AnnotationMirror upgrade = annotation(type, KnownTypes.UPGRADE_PATH);
        AnnotationValue value = annotationValue(upgrade, "idleTimeoutSeconds");
        if (value == null || !(value.getValue() instanceof Integer seconds)) {
            return 0;
        }
        if (seconds < 0) {
            report.error(Messages.negativeIdleTimeout(seconds), type, upgrade, value);
            return 0;
        }
        return seconds;
    }
}
