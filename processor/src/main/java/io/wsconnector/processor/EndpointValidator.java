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
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

import com.squareup.javapoet.ClassName;

import io.wsconnector.processor.HandshakeValue.Conversion;
import io.wsconnector.processor.HandshakeValue.Source;

/**
 * Checks an endpoint class and its handler methods, reporting every mistake on the element at fault,
 * and builds its {@link EndpointModel} only when there was none.
 */
final class EndpointValidator {
    static final String BASE_PATH = "io.wsconnector.annotations.BasePath";
    static final String UPGRADE_PATH = "io.wsconnector.annotations.WebSocketUpgradePath";
    static final String SESSION = "io.wsconnector.runtime.WebSocketSession";
    static final String HANDSHAKE_REQUEST = "io.wsconnector.runtime.HandshakeRequest";
    private static final String COMPLETION_STAGE = "java.util.concurrent.CompletionStage";

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
        AnnotationMirror upgrade = annotation(type, UPGRADE_PATH);
        if (type.getKind() != ElementKind.CLASS) {
            report.error(Messages.endpointNotAClass(typeName, describeKind(type.getKind())), type, upgrade);
            return Optional.empty();
        }
        checkClass(type, typeName);
        Optional<String> path = endpointPath(type);
        List<String> subprotocols = subprotocols(type, upgrade);
        List<String> origins = origins(type, upgrade);
        int idleTimeoutSeconds = idleTimeoutSeconds(type, upgrade);
        List<HandlerMethod> handlers = handlers(type, typeName, path);
        if (report.errorCount() > errorsBefore || path.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new EndpointModel(type, ClassName.get(type), path.get(), handlers, subprotocols, origins,
                idleTimeoutSeconds));
    }

    /**
     * Reports a handler method whose class has no {@code @WebSocketUpgradePath}.
     */
    void reportHandlerOutsideEndpoint(ExecutableElement method, HandlerKind kind) {
        report.error(Messages.handlerOutsideEndpoint(kind, method.getSimpleName().toString(),
                method.getEnclosingElement().getSimpleName().toString()), method, annotation(method, kind.annotationName()));
    }

    /**
     * Reports a parameter annotated with {@code @PathParam}, {@code @QueryParam} or {@code @HeaderParam}
     * if it is not a parameter of a handler method, where the annotation would do nothing.
     */
    void checkHandshakeValueOnHandler(VariableElement parameter, Source source) {
        Element enclosing = parameter.getEnclosingElement();
        if (enclosing instanceof ExecutableElement executable && !handlerKinds(executable).isEmpty()) {
            return;
        }
        String owner = enclosing.getKind() == ElementKind.CONSTRUCTOR
                ? "the constructor of '" + enclosing.getEnclosingElement().getSimpleName() + "'"
                : "method '" + enclosing.getSimpleName() + "'";
        report.error(Messages.handshakeValueOutsideHandler(source, parameter.getSimpleName().toString(), owner),
                parameter, annotation(parameter, source.annotationName()));
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

    // ---- the path and the options of @WebSocketUpgradePath

    private Optional<String> endpointPath(TypeElement type) {
        AnnotationMirror upgrade = annotation(type, UPGRADE_PATH);
        Optional<String> upgradePath = checkedPath(type, upgrade, "@WebSocketUpgradePath");
        AnnotationMirror base = annotation(type, BASE_PATH);
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

    private List<String> subprotocols(TypeElement type, AnnotationMirror upgrade) {
        List<String> subprotocols = new ArrayList<>();
        for (AnnotationValue value : arrayValue(upgrade, "subprotocols")) {
            if (!(value.getValue() instanceof String subprotocol)) {
                continue; // javac reports a mistyped value itself
            }
            if (!HttpSyntax.isToken(subprotocol)) {
                report.error(Messages.invalidSubprotocol(subprotocol), type, upgrade, value);
            } else if (subprotocols.contains(subprotocol)) {
                report.error(Messages.repeatedSubprotocol(subprotocol), type, upgrade, value);
            } else {
                subprotocols.add(subprotocol);
            }
        }
        return List.copyOf(subprotocols);
    }

    private List<String> origins(TypeElement type, AnnotationMirror upgrade) {
        List<String> origins = new ArrayList<>();
        for (AnnotationValue value : arrayValue(upgrade, "origins")) {
            if (!(value.getValue() instanceof String origin)) {
                continue; // javac reports a mistyped value itself
            }
            Optional<String> problem = HttpSyntax.originProblem(origin);
            if (problem.isPresent()) {
                report.error(Messages.invalidOrigin(origin, problem.get()), type, upgrade, value);
            } else if (origins.contains(origin)) {
                report.error(Messages.repeatedOrigin(origin), type, upgrade, value);
            } else {
                origins.add(origin);
            }
        }
        return List.copyOf(origins);
    }

    private int idleTimeoutSeconds(TypeElement type, AnnotationMirror upgrade) {
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

    // ---- handler methods

    private List<HandlerMethod> handlers(TypeElement type, String typeName, Optional<String> path) {
        Map<HandlerKind, ExecutableElement> firstOfKind = new EnumMap<>(HandlerKind.class);
        List<HandlerMethod> handlers = new ArrayList<>();
        List<ErrorHandler> errorHandlers = new ArrayList<>();
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
            if (first != null && !kind.allowsSeveral()) {
                report.error(Messages.duplicateHandler(kind, typeName, first.getSimpleName().toString(),
                        method.getSimpleName().toString()), method, annotation(method, kind.annotationName()));
            }
            Optional<HandlerMethod> handler = handler(method, kind, path);
            if (handler.isPresent() && kind == HandlerKind.ERROR) {
                errorHandler(typeName, method, handler.get(), errorHandlers).ifPresent(errorHandlers::add);
            } else {
                handler.ifPresent(handlers::add);
            }
        }
        if (firstOfKind.isEmpty() && !hasAnyHandlerAnnotation(type)) {
            report.error(Messages.endpointWithoutHandler(typeName), type, annotation(type, UPGRADE_PATH));
        }
        handlers.addAll(mostSpecificFirst(errorHandlers));
        handlers.sort((a, b) -> a.kind().compareTo(b.kind())); // stable: @OnError methods keep their order
        return handlers;
    }

    /** An {@code @OnError} method with the type it handles. */
    private record ErrorHandler(ExecutableElement method, HandlerMethod handler, TypeMirror type) {
    }

    private Optional<ErrorHandler> errorHandler(String typeName, ExecutableElement method, HandlerMethod handler,
                                                List<ErrorHandler> earlier) {
        TypeMirror handled = method.getParameters().stream()
                .filter(parameter -> valueSources(parameter).isEmpty())
                .map(VariableElement::asType)
                .filter(parameterType -> isSubtype(parameterType, "java.lang.Throwable"))
                .findFirst()
                .orElseThrow();
        for (ErrorHandler other : earlier) {
            if (types.isSameType(other.type(), handled)) {
                report.error(Messages.duplicateErrorHandler(typeName, typeName(handled),
                                other.method().getSimpleName().toString(), method.getSimpleName().toString()),
                        method, annotation(method, HandlerKind.ERROR.annotationName()));
                return Optional.empty();
            }
        }
        return Optional.of(new ErrorHandler(method, handler, handled));
    }

    /**
     * The {@code @OnError} handlers in the order the dispatcher tries them: each before every handler of
     * a supertype of its type, and otherwise in declaration order.
     */
    private List<HandlerMethod> mostSpecificFirst(List<ErrorHandler> errorHandlers) {
        List<ErrorHandler> remaining = new ArrayList<>(errorHandlers);
        List<HandlerMethod> ordered = new ArrayList<>();
        while (!remaining.isEmpty()) {
            for (ErrorHandler candidate : remaining) {
                boolean handlesNoSubtypeOfAnother = remaining.stream()
                        .noneMatch(other -> other != candidate && types.isSubtype(other.type(), candidate.type()));
                if (handlesNoSubtypeOfAnother) {
                    ordered.add(candidate.handler());
                    remaining.remove(candidate);
                    break;
                }
            }
        }
        return ordered;
    }

    private boolean hasAnyHandlerAnnotation(TypeElement type) {
        return ElementFilter.methodsIn(type.getEnclosedElements()).stream().anyMatch(m -> !handlerKinds(m).isEmpty());
    }

    private Optional<HandlerMethod> handler(ExecutableElement method, HandlerKind kind, Optional<String> path) {
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
            String parameterName = parameter.getSimpleName().toString();
            List<Source> sources = valueSources(parameter);
            if (sources.size() > 1) {
                report.error(Messages.severalHandshakeValueAnnotations(kind, name, parameterName,
                        sources.stream().map(Source::displayName).collect(Collectors.joining(" and "))), parameter);
                continue;
            }
            if (type.getKind() == TypeKind.ERROR) {
                arguments.add(null); // javac reports the unknown type itself
                continue;
            }
            if (sources.size() == 1) {
                handshakeValue(kind, name, parameter, sources.get(0), path).ifPresent(arguments::add);
                continue;
            }
            Optional<Argument> argument = argumentFor(kind, type);
            if (argument.isEmpty()) {
                report.error(Messages.parameterNotAccepted(kind, name, parameterName, typeName(type)), parameter);
            } else if (arguments.stream().anyMatch(a -> a != null && a.sameValueAs(argument.get()))) {
                report.error(Messages.parameterRepeated(kind, name, parameterName, typeName(type)), parameter);
            } else {
                if (argument.get() instanceof HandledError) {
                    checkAccessible(kind, name, parameter, type);
                }
                arguments.add(argument.get());
            }
        }
        boolean takesMessage = arguments.stream().anyMatch(a -> a instanceof EventArgument event
                && event.dispatcherParameter().equals(EventArgument.TEXT_MESSAGE.dispatcherParameter()));
        if (kind.requiresMessage() && !takesMessage && !hasErrorType(method)) {
            report.error(kind == HandlerKind.TEXT_MESSAGE ? Messages.textMessageMissing(name)
                    : Messages.binaryMessageMissing(name), method);
        }
        boolean takesError = arguments.stream().anyMatch(HandledError.class::isInstance);
        if (kind == HandlerKind.ERROR && !takesError && !hasErrorType(method)) {
            report.error(Messages.errorParameterMissing(name), method);
        }

        TypeMirror returnType = method.getReturnType();
        Reply reply = Reply.NONE;
        boolean broadcast = false;
        if (kind.mayReply()) {
            broadcast = broadcast(method, kind, name);
            reply = replyFor(kind, returnType);
            if (reply == null) {
                reply = Reply.NONE;
                if (isSubtype(types.erasure(returnType), COMPLETION_STAGE)) {
                    report.error(Messages.asyncReplyNotAccepted(kind, name, displayType(returnType)), method);
                } else if (returnType.getKind() != TypeKind.ERROR) {
                    report.error(Messages.returnNotReply(kind, name, typeName(returnType)), method);
                }
            }
        } else if (returnType.getKind() != TypeKind.VOID && returnType.getKind() != TypeKind.ERROR) {
            report.error(Messages.returnNotVoid(kind, name, typeName(returnType)), method);
        }

        if (report.errorCount() > errorsBefore || arguments.contains(null) || returnType.getKind() == TypeKind.ERROR) {
            return Optional.empty();
        }
        return Optional.of(new HandlerMethod(kind, name, List.copyOf(arguments), reply, broadcast, throwsChecked));
    }

    /**
     * Whether a message handler's annotation says {@code broadcast = true}; reported on a method that
     * returns {@code void}, which gives nothing to broadcast.
     */
    private boolean broadcast(ExecutableElement method, HandlerKind kind, String name) {
        AnnotationMirror annotation = annotation(method, kind.annotationName());
        AnnotationValue value = annotationValue(annotation, "broadcast");
        if (value == null || !Boolean.TRUE.equals(value.getValue())) {
            return false; // left to its default, false; javac reports a mistyped value itself
        }
        if (method.getReturnType().getKind() == TypeKind.VOID) {
            report.error(Messages.broadcastVoid(kind, name), method, annotation, value);
        }
        return true;
    }

    /** The reply a message handler's return type gives, or {@code null} if the type is not accepted. */
    private Reply replyFor(HandlerKind kind, TypeMirror returnType) {
        if (returnType.getKind() == TypeKind.VOID) {
            return Reply.NONE;
        }
        if (kind == HandlerKind.TEXT_MESSAGE) {
            if (isType(returnType, "java.lang.String")) {
                return Reply.TEXT;
            }
            if (isCompletionStageOf(returnType, type("java.lang.String"))) {
                return Reply.TEXT_ASYNC;
            }
        }
        if (kind == HandlerKind.BINARY_MESSAGE) {
            TypeMirror byteArray = types.getArrayType(types.getPrimitiveType(TypeKind.BYTE));
            if (isByteArray(returnType)) {
                return Reply.BYTES;
            }
            if (isType(returnType, "java.nio.ByteBuffer")) {
                return Reply.BUFFER;
            }
            if (isCompletionStageOf(returnType, byteArray)) {
                return Reply.BYTES_ASYNC;
            }
            if (isCompletionStageOf(returnType, type("java.nio.ByteBuffer"))) {
                return Reply.BUFFER_ASYNC;
            }
        }
        return null;
    }

    /** Whether {@code type} is {@code CompletionStage<result>} or a subtype, e.g. {@code CompletableFuture<result>}. */
    private boolean isCompletionStageOf(TypeMirror type, TypeMirror result) {
        TypeElement stage = elements.getTypeElement(COMPLETION_STAGE);
        return stage != null && types.isSubtype(type, types.getDeclaredType(stage, result));
    }

    private static boolean isByteArray(TypeMirror type) {
        return type.getKind() == TypeKind.ARRAY
                && ((ArrayType) type).getComponentType().getKind() == TypeKind.BYTE;
    }

    private Optional<Argument> argumentFor(HandlerKind kind, TypeMirror type) {
        boolean throwable = type.getKind() == TypeKind.DECLARED && isSubtype(type, "java.lang.Throwable");
        if (kind == HandlerKind.ERROR && throwable) {
            return Optional.of(new HandledError(ClassName.get((TypeElement) ((DeclaredType) type).asElement())));
        }
        Set<EventArgument> candidates = EnumSet.noneOf(EventArgument.class);
        if (isType(type, SESSION)) {
            candidates.add(EventArgument.SESSION);
        } else if (isType(type, HANDSHAKE_REQUEST)) {
            candidates.add(EventArgument.HANDSHAKE_REQUEST);
        } else if (isType(type, "java.lang.String")) {
            candidates.add(EventArgument.TEXT_MESSAGE);
            candidates.add(EventArgument.CLOSE_REASON);
        } else if (type.getKind() == TypeKind.INT) {
            candidates.add(EventArgument.STATUS_CODE);
        } else if (isByteArray(type)) {
            candidates.add(EventArgument.BINARY_MESSAGE_BYTES);
            candidates.add(EventArgument.PAYLOAD_BYTES);
        } else if (isType(type, "java.nio.ByteBuffer")) {
            candidates.add(EventArgument.BINARY_MESSAGE_BUFFER);
            candidates.add(EventArgument.PAYLOAD_BUFFER);
        }
        candidates.retainAll(kind.accepted());
        return candidates.stream().<Argument>map(argument -> argument).findFirst();
    }

    // ---- handshake values

    /** The handshake-value annotations on {@code parameter}, in {@link Source} order. */
    private static List<Source> valueSources(VariableElement parameter) {
        List<Source> sources = new ArrayList<>();
        for (Source source : Source.values()) {
            if (annotation(parameter, source.annotationName()) != null) {
                sources.add(source);
            }
        }
        return sources;
    }

    private Optional<HandshakeValue> handshakeValue(HandlerKind kind, String method, VariableElement parameter,
                                                    Source source, Optional<String> path) {
        String parameterName = parameter.getSimpleName().toString();
        AnnotationValue value = annotationValue(annotation(parameter, source.annotationName()), "value");
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
        boolean optional = isType(type, "java.util.Optional");
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
        if (!valid || !checkAccessible(kind, method, parameter, valueType)) {
            return Optional.empty();
        }
        TypeMirror boxed = valueType.getKind().isPrimitive()
                ? types.boxedClass((PrimitiveType) valueType).asType() : valueType;
        ClassName className = ClassName.get((TypeElement) ((DeclaredType) boxed).asElement());
        return Optional.of(new HandshakeValue(source, name, conversion.get(), className, optional));
    }

    /**
     * Reports a parameter whose declared type the generated dispatcher, another class of the package,
     * cannot name: a private nested type, or one nested in a private type.
     *
     * @return whether the type is accessible
     */
    private boolean checkAccessible(HandlerKind kind, String method, VariableElement parameter, TypeMirror type) {
        if (type.getKind() != TypeKind.DECLARED) {
            return true;
        }
        for (Element element = ((DeclaredType) type).asElement(); element instanceof TypeElement nested;
                element = nested.getEnclosingElement()) {
            if (nested.getModifiers().contains(Modifier.PRIVATE)) {
                report.error(Messages.parameterTypePrivate(kind, method, parameter.getSimpleName().toString(),
                        typeName(type), nested.getSimpleName().toString()), parameter);
                return false;
            }
        }
        return true;
    }

    /** How a handshake value of {@code type} is converted, or empty if the type is not supported. */
    private Optional<Conversion> conversion(TypeMirror type) {
        if (type.getKind() == TypeKind.INT || isType(type, "java.lang.Integer")) {
            return Optional.of(Conversion.INT);
        }
        if (type.getKind() == TypeKind.LONG || isType(type, "java.lang.Long")) {
            return Optional.of(Conversion.LONG);
        }
        if (type.getKind() == TypeKind.BOOLEAN || isType(type, "java.lang.Boolean")) {
            return Optional.of(Conversion.BOOLEAN);
        }
        if (isType(type, "java.lang.String")) {
            return Optional.of(Conversion.STRING);
        }
        if (isType(type, "java.util.UUID")) {
            return Optional.of(Conversion.UUID);
        }
        if (type.getKind() == TypeKind.DECLARED && ((DeclaredType) type).asElement().getKind() == ElementKind.ENUM) {
            return Optional.of(Conversion.ENUM);
        }
        return Optional.empty();
    }

    // ---- helpers

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

    private TypeMirror type(String qualifiedName) {
        return elements.getTypeElement(qualifiedName).asType();
    }

    private boolean isType(TypeMirror type, String qualifiedName) {
        return type.getKind() == TypeKind.DECLARED
                && ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().contentEquals(qualifiedName);
    }

    private boolean isSubtype(TypeMirror type, String qualifiedName) {
        TypeElement supertype = elements.getTypeElement(qualifiedName);
        return supertype != null && types.isSubtype(type, types.erasure(supertype.asType()));
    }

    /** A type's simple name, without type arguments: {@code List} for {@code java.util.List<Byte>}. */
    private static String typeName(TypeMirror type) {
        if (type.getKind() == TypeKind.DECLARED) {
            return ((DeclaredType) type).asElement().getSimpleName().toString();
        }
        if (type.getKind() == TypeKind.ARRAY) {
            return typeName(((ArrayType) type).getComponentType()) + "[]";
        }
        return type.toString();
    }

    /** A type as a user writes it, with simple names: {@code Optional<List<String>>}. */
    private static String displayType(TypeMirror type) {
        if (type.getKind() == TypeKind.DECLARED) {
            List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
            String name = ((DeclaredType) type).asElement().getSimpleName().toString();
            return arguments.isEmpty() ? name : name + arguments.stream()
                    .map(EndpointValidator::displayType)
                    .collect(Collectors.joining(", ", "<", ">"));
        }
        if (type.getKind() == TypeKind.ARRAY) {
            return displayType(((ArrayType) type).getComponentType()) + "[]";
        }
        if (type.getKind() == TypeKind.WILDCARD) {
            WildcardType wildcard = (WildcardType) type;
            if (wildcard.getExtendsBound() != null) {
                return "? extends " + displayType(wildcard.getExtendsBound());
            }
            if (wildcard.getSuperBound() != null) {
                return "? super " + displayType(wildcard.getSuperBound());
            }
            return "?";
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

    /** The value written for {@code name}, or {@code null} if it is left to its default. */
    private static AnnotationValue annotationValue(AnnotationMirror annotation, String name) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
                : annotation.getElementValues().entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** The elements written for the array {@code name}; empty if it is left to its default. */
    private static List<AnnotationValue> arrayValue(AnnotationMirror annotation, String name) {
        AnnotationValue value = annotationValue(annotation, name);
        if (value == null || !(value.getValue() instanceof List<?> items)) {
            return List.of();
        }
        return items.stream()
                .filter(AnnotationValue.class::isInstance)
                .map(AnnotationValue.class::cast)
                .toList();
    }
}
