package io.wsconnector.processor;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

import com.squareup.javapoet.ClassName;

/**
 * Checks an endpoint class and its handler methods, reporting every mistake on the element at fault,
 * and builds its {@link EndpointModel} only when there was none.
 */
final class EndpointValidator {
    static final String BASE_PATH = "io.wsconnector.annotations.BasePath";
    static final String UPGRADE_PATH = "io.wsconnector.annotations.WebSocketUpgradePath";
    static final String SESSION = "io.wsconnector.runtime.WebSocketSession";

    private final Elements elements;
    private final Types types;
    private final ErrorReport report;

    EndpointValidator(Elements elements, Types types, ErrorReport report) {
        this.elements = elements;
        this.types = types;
        this.report = report;
    }

    /**
     * Checks a class annotated with {@code @WebSocketUpgradePath}.
     *
     * @return its model, or empty if an error was reported
     */
    Optional<EndpointModel> validate(TypeElement type) {
        int errorsBefore = report.errorCount();
        String typeName = type.getSimpleName().toString();
        if (type.getKind() != ElementKind.CLASS) {
            report.error(Messages.endpointNotAClass(typeName, describeKind(type.getKind())), type,
                    annotation(type, UPGRADE_PATH));
            return Optional.empty();
        }
        checkClass(type, typeName);
        Optional<String> path = endpointPath(type);
        List<HandlerMethod> handlers = handlers(type, typeName);
        if (report.errorCount() > errorsBefore || path.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new EndpointModel(type, ClassName.get(type), path.get(), handlers));
    }

    /**
     * Reports a handler method whose class has no {@code @WebSocketUpgradePath}.
     */
    void reportHandlerOutsideEndpoint(ExecutableElement method, HandlerKind kind) {
        report.error(Messages.handlerOutsideEndpoint(kind, method.getSimpleName().toString(),
                method.getEnclosingElement().getSimpleName().toString()), method, annotation(method, kind.annotationName()));
    }

    private void checkClass(TypeElement type, String typeName) {
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
                .filter(c -> !c.getModifiers().contains(Modifier.PRIVATE)
                        || elements.getOrigin(c) == Elements.Origin.MANDATED)
                .findFirst();
        if (noArgConstructor.isEmpty()) {
            report.error(Messages.endpointNoConstructor(typeName), type);
            return;
        }
        for (TypeMirror thrown : noArgConstructor.get().getThrownTypes()) {
            if (!isSubtype(thrown, "java.lang.RuntimeException") && !isSubtype(thrown, "java.lang.Error")) {
                report.error(Messages.endpointConstructorThrows(typeName, typeName(thrown)), noArgConstructor.get());
            }
        }
    }

    private Optional<String> endpointPath(TypeElement type) {
        AnnotationMirror upgrade = annotation(type, UPGRADE_PATH);
        Optional<String> upgradePath = checkedPath(type, upgrade, "@WebSocketUpgradePath");
        AnnotationMirror base = annotation(type, BASE_PATH);
        Optional<String> basePath = base == null ? Optional.of("/") : checkedPath(type, base, "@BasePath");
        if (upgradePath.isEmpty() || basePath.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(EndpointPaths.join(basePath.get(), upgradePath.get()));
    }

    private Optional<String> checkedPath(TypeElement type, AnnotationMirror annotation, String annotationName) {
        AnnotationValue value = annotationValue(annotation);
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

    private List<HandlerMethod> handlers(TypeElement type, String typeName) {
        Map<HandlerKind, ExecutableElement> firstOfKind = new EnumMap<>(HandlerKind.class);
        List<HandlerMethod> handlers = new ArrayList<>();
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            Set<HandlerKind> kinds = handlerKinds(method);
            if (kinds.isEmpty()) {
                continue;
            }
            if (kinds.size() > 1) {
                report.error(Messages.severalHandlerAnnotations(method.getSimpleName().toString(),
                        kinds.stream().map(HandlerKind::displayName).collect(Collectors.joining(" and "))), method);
                continue;
            }
            HandlerKind kind = kinds.iterator().next();
            ExecutableElement first = firstOfKind.putIfAbsent(kind, method);
            if (first != null) {
                report.error(Messages.duplicateHandler(kind, typeName, first.getSimpleName().toString(),
                        method.getSimpleName().toString()), method, annotation(method, kind.annotationName()));
            }
            handler(method, kind).ifPresent(handlers::add);
        }
        if (firstOfKind.isEmpty() && !hasAnyHandlerAnnotation(type)) {
            report.error(Messages.endpointWithoutHandler(typeName), type, annotation(type, UPGRADE_PATH));
        }
        handlers.sort((a, b) -> a.kind().compareTo(b.kind()));
        return handlers;
    }

    private boolean hasAnyHandlerAnnotation(TypeElement type) {
        return ElementFilter.methodsIn(type.getEnclosedElements()).stream().anyMatch(m -> !handlerKinds(m).isEmpty());
    }

    private Optional<HandlerMethod> handler(ExecutableElement method, HandlerKind kind) {
        int errorsBefore = report.errorCount();
        String name = method.getSimpleName().toString();
        Set<Modifier> modifiers = method.getModifiers();
        if (modifiers.contains(Modifier.PRIVATE)) {
            report.error(Messages.handlerPrivate(kind, name), method);
        }
        if (modifiers.contains(Modifier.STATIC)) {
            report.error(Messages.handlerStatic(kind, name), method);
        }
        if (modifiers.contains(Modifier.ABSTRACT)) {
            report.error(Messages.handlerAbstract(kind, name), method);
        }
        if (!method.getTypeParameters().isEmpty()) {
            report.error(Messages.handlerGeneric(kind, name), method);
        }
        boolean throwsChecked = false;
        for (TypeMirror thrown : method.getThrownTypes()) {
            if (!isSubtype(thrown, "java.lang.Exception") && !isSubtype(thrown, "java.lang.Error")) {
                report.error(Messages.handlerThrowsThrowable(kind, name, typeName(thrown)), method);
            } else if (!isSubtype(thrown, "java.lang.RuntimeException") && !isSubtype(thrown, "java.lang.Error")) {
                throwsChecked = true;
            }
        }

        List<Argument> arguments = new ArrayList<>();
        for (VariableElement parameter : method.getParameters()) {
            TypeMirror type = parameter.asType();
            if (type.getKind() == TypeKind.ERROR) {
                arguments.add(null); // javac reports the unknown type itself
                continue;
            }
            Optional<Argument> argument = argumentFor(kind, type);
            String parameterName = parameter.getSimpleName().toString();
            if (argument.isEmpty()) {
                report.error(Messages.parameterNotAccepted(kind, name, parameterName, typeName(type)), parameter);
            } else if (arguments.stream().anyMatch(a -> a != null && a.sameValueAs(argument.get()))) {
                report.error(Messages.parameterRepeated(kind, name, parameterName, typeName(type)), parameter);
            } else {
                arguments.add(argument.get());
            }
        }
        boolean takesMessage = arguments.stream()
                .anyMatch(a -> a != null && a.dispatcherParameter().equals(Argument.TEXT_MESSAGE.dispatcherParameter()));
        if (kind.requiresMessage() && !takesMessage && !hasErrorType(method)) {
            report.error(kind == HandlerKind.TEXT_MESSAGE ? Messages.textMessageMissing(name)
                    : Messages.binaryMessageMissing(name), method);
        }

        TypeMirror returnType = method.getReturnType();
        Reply reply = Reply.NONE;
        if (kind.mayReply()) {
            reply = replyFor(kind, returnType);
            if (reply == null) {
                reply = Reply.NONE;
                if (returnType.getKind() != TypeKind.ERROR) {
                    report.error(Messages.returnNotReply(kind, name, typeName(returnType)), method);
                }
            }
        } else if (returnType.getKind() != TypeKind.VOID && returnType.getKind() != TypeKind.ERROR) {
            report.error(Messages.returnNotVoid(kind, name, typeName(returnType)), method);
        }

        if (report.errorCount() > errorsBefore || arguments.contains(null) || returnType.getKind() == TypeKind.ERROR) {
            return Optional.empty();
        }
        return Optional.of(new HandlerMethod(kind, name, List.copyOf(arguments), reply, throwsChecked));
    }

    /** The reply a message handler's return type gives, or {@code null} if the type is not accepted. */
    private Reply replyFor(HandlerKind kind, TypeMirror returnType) {
        if (returnType.getKind() == TypeKind.VOID) {
            return Reply.NONE;
        }
        if (kind == HandlerKind.TEXT_MESSAGE && isType(returnType, "java.lang.String")) {
            return Reply.TEXT;
        }
        if (kind == HandlerKind.BINARY_MESSAGE && isByteArray(returnType)) {
            return Reply.BYTES;
        }
        if (kind == HandlerKind.BINARY_MESSAGE && isType(returnType, "java.nio.ByteBuffer")) {
            return Reply.BUFFER;
        }
        return null;
    }

    private static boolean isByteArray(TypeMirror type) {
        return type.getKind() == TypeKind.ARRAY
                && ((ArrayType) type).getComponentType().getKind() == TypeKind.BYTE;
    }

    private Optional<Argument> argumentFor(HandlerKind kind, TypeMirror type) {
        Set<Argument> candidates = EnumSet.noneOf(Argument.class);
        if (isType(type, SESSION)) {
            candidates.add(Argument.SESSION);
        } else if (isType(type, "java.lang.String")) {
            candidates.add(Argument.TEXT_MESSAGE);
            candidates.add(Argument.CLOSE_REASON);
        } else if (type.getKind() == TypeKind.INT) {
            candidates.add(Argument.STATUS_CODE);
        } else if (isByteArray(type)) {
            candidates.add(Argument.BINARY_MESSAGE_BYTES);
        } else if (isType(type, "java.nio.ByteBuffer")) {
            candidates.add(Argument.BINARY_MESSAGE_BUFFER);
        }
        candidates.retainAll(kind.accepted());
        return candidates.stream().findFirst();
    }

    private boolean hasErrorType(ExecutableElement method) {
        return method.getParameters().stream().anyMatch(p -> p.asType().getKind() == TypeKind.ERROR);
    }

    private Set<HandlerKind> handlerKinds(ExecutableElement method) {
        Set<HandlerKind> kinds = EnumSet.noneOf(HandlerKind.class);
        for (HandlerKind kind : HandlerKind.values()) {
            if (annotation(method, kind.annotationName()) != null) {
                kinds.add(kind);
            }
        }
        return kinds;
    }

    private boolean isType(TypeMirror type, String qualifiedName) {
        return type.getKind() == TypeKind.DECLARED
                && ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().contentEquals(qualifiedName);
    }

    private boolean isSubtype(TypeMirror type, String qualifiedName) {
        TypeElement supertype = elements.getTypeElement(qualifiedName);
        return supertype != null && types.isSubtype(type, supertype.asType());
    }

    private static String typeName(TypeMirror type) {
        if (type.getKind() == TypeKind.DECLARED) {
            return ((DeclaredType) type).asElement().getSimpleName().toString();
        }
        if (type.getKind() == TypeKind.ARRAY) {
            return typeName(((ArrayType) type).getComponentType()) + "[]";
        }
        return type.toString();
    }

    private static String describeKind(ElementKind kind) {
        return switch (kind) {
            case INTERFACE -> "an interface";
            case ENUM -> "an enum";
            case RECORD -> "a record";
            case ANNOTATION_TYPE -> "an annotation type";
            default -> "a " + kind.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    static AnnotationMirror annotation(Element element, String qualifiedName) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            TypeElement annotationType = (TypeElement) mirror.getAnnotationType().asElement();
            if (annotationType.getQualifiedName().contentEquals(qualifiedName)) {
                return mirror;
            }
        }
        return null;
    }

    private static AnnotationValue annotationValue(AnnotationMirror annotation) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
                : annotation.getElementValues().entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals("value")) {
                return entry.getValue();
            }
        }
        return null;
    }
}
