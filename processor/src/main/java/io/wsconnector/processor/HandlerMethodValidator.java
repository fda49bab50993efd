package io.wsconnector.processor;

import static io.wsconnector.processor.Mirrors.annotation;
import static io.wsconnector.processor.Mirrors.annotationValue;
import static io.wsconnector.processor.Mirrors.displayType;
import static io.wsconnector.processor.Mirrors.isByteArray;
import static io.wsconnector.processor.Mirrors.isType;
import static io.wsconnector.processor.Mirrors.typeName;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

import com.squareup.javapoet.ClassName;

import io.wsconnector.processor.HandshakeValue.Source;

/**
 * Checks the handler methods of an endpoint class (their annotations, modifiers, parameters, return
 * types and thrown exceptions), reporting each mistake on the method or parameter at fault, and
 * resolves what the dispatcher passes to each and does with what it returns.
 */
final class HandlerMethodValidator {
    private final ErrorReport report;
    private final Mirrors mirrors;
    private final HandshakeValueValidator handshakeValues;

    HandlerMethodValidator(ErrorReport report, Mirrors mirrors) {
        this.report = report;
        this.mirrors = mirrors;
        this.handshakeValues = new HandshakeValueValidator(report, mirrors);
    }

    /**
     * Checks every handler method of {@code type}, and that it has one.
     *
     * @param path        the endpoint's path, or empty if it is invalid
     * @param codecs      the codecs of the endpoint's typed messages and replies
     * @param dispatchKey the JSON field the endpoint's text messages are dispatched on, if any
     * @return the valid handlers, in the order of the dispatcher's methods ({@link EndpointModel#handlers()})
     */
    List<HandlerMethod> handlers(TypeElement type, Optional<String> path, EndpointCodecs codecs,
                                 Optional<String> dispatchKey) {
        String typeName = type.getSimpleName().toString();
        Map<HandlerKind, ExecutableElement> firstOfKind = new EnumMap<>(HandlerKind.class);
        Map<String, ExecutableElement> dispatchValues = new HashMap<>();
        List<HandlerMethod> handlers = new ArrayList<>();
        ErrorHandlerOrder errorHandlers = new ErrorHandlerOrder(report, mirrors, typeName);
        boolean anyHandlerAnnotation = false;
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            Set<HandlerKind> kinds = HandlerKind.on(method);
            if (kinds.isEmpty()) {
                continue;
            }
            anyHandlerAnnotation = true;
            if (kinds.size() > 1) {
                report.error(Messages.severalHandlerAnnotations(method.getSimpleName().toString(),
                        kinds.stream().map(HandlerKind::displayName).collect(Collectors.joining(" and "))), method);
                continue;
            }
            HandlerKind kind = kinds.iterator().next();
            boolean dispatched = kind == HandlerKind.TEXT_MESSAGE && dispatchKey.isPresent();
            ExecutableElement first = firstOfKind.putIfAbsent(kind, method);
            if (first != null && !kind.allowsSeveral() && !dispatched) {
                report.error(Messages.duplicateHandler(kind, typeName, first.getSimpleName().toString(),
                        method.getSimpleName().toString()), method, annotation(method, kind.annotation()));
            }
            Optional<String> dispatchValue = kind == HandlerKind.TEXT_MESSAGE
                    ? dispatchValue(method, typeName, dispatchKey, dispatchValues) : Optional.empty();
            Optional<HandlerMethod> handler = handler(method, kind, path, codecs, dispatchValue);
            if (handler.isPresent() && kind == HandlerKind.ERROR) {
                errorHandlers.add(method, handler.get());
            } else {
                handler.ifPresent(handlers::add);
            }
        }
        if (!anyHandlerAnnotation) {
            report.error(Messages.endpointWithoutHandler(typeName), type, annotation(type, KnownTypes.UPGRADE_PATH));
        }
        handlers.addAll(errorHandlers.mostSpecificFirst());
        handlers.sort((a, b) -> a.kind().compareTo(b.kind())); // stable: @OnError methods keep their order
        return handlers;
    }

    /**
     * The value of the dispatch key an {@code @OnTextMessage} method takes; reports a value without a
     * key, a key without a value, and a value taken twice.
     */
    private Optional<String> dispatchValue(ExecutableElement method, String typeName, Optional<String> dispatchKey,
                                           Map<String, ExecutableElement> taken) {
        String name = method.getSimpleName().toString();
        AnnotationMirror annotation = annotation(method, HandlerKind.TEXT_MESSAGE.annotation());
        AnnotationValue value = annotationValue(annotation, "value");
        String written = value != null && value.getValue() instanceof String text ? text : "";
        if (dispatchKey.isEmpty()) {
            if (!written.isEmpty()) {
                report.error(Messages.dispatchValueWithoutKey(name, written), method, annotation, value);
            }
            return Optional.empty();
        }
        if (written.isEmpty()) {
            report.error(Messages.dispatchValueMissing(name, dispatchKey.get()), method, annotation);
            return Optional.empty();
        }
        ExecutableElement first = taken.putIfAbsent(written, method);
        if (first != null) {
            report.error(Messages.duplicateDispatchValue(typeName, dispatchKey.get(), written,
                    first.getSimpleName().toString(), name), method, annotation, value);
        }
        return Optional.of(written);
    }

    private Optional<HandlerMethod> handler(ExecutableElement method, HandlerKind kind, Optional<String> path,
                                            EndpointCodecs codecs, Optional<String> dispatchValue) {
        int errorsBefore = report.errorCount();
        String name = method.getSimpleName().toString();
        checkModifiers(method, kind, name);
        boolean throwsChecked = false;
        for (TypeMirror thrown : method.getThrownTypes()) {
            if (!mirrors.isSubtype(thrown, KnownTypes.EXCEPTION) && !mirrors.isSubtype(thrown, KnownTypes.ERROR)) {
                report.error(Messages.handlerThrowsThrowable(kind, name, typeName(thrown)), method);
            } else if (!mirrors.isSubtype(thrown, KnownTypes.RUNTIME_EXCEPTION)
                    && !mirrors.isSubtype(thrown, KnownTypes.ERROR)) {
                throwsChecked = true;
            }
        }

        List<Argument> arguments = arguments(method, kind, name, path, codecs);
        boolean takesMessage = arguments.stream().anyMatch(a -> a instanceof TypedMessage
                || a instanceof EventArgument event && event.isMessage());
        // a dispatched handler may take only the key's value, e.g. {"type":"leave"}
        if (kind.requiresMessage() && dispatchValue.isEmpty() && !takesMessage && !hasErrorType(method)
                && !arguments.contains(null)) {
            report.error(kind == HandlerKind.TEXT_MESSAGE ? Messages.textMessageMissing(name)
                    : Messages.binaryMessageMissing(name), method);
        }
        boolean takesError = arguments.stream().anyMatch(HandledError.class::isInstance);
        if (kind == HandlerKind.ERROR && !takesError && !hasErrorType(method)) {
            report.error(Messages.errorParameterMissing(name), method);
        }

        TypeMirror returnType = method.getReturnType();
        Reply reply = PlainReply.NONE;
        boolean broadcast = false;
        if (kind.mayReply()) {
            broadcast = broadcast(method, kind, name);
            reply = reply(method, kind, name, codecs);
        } else if (returnType.getKind() != TypeKind.VOID && returnType.getKind() != TypeKind.ERROR) {
            report.error(Messages.returnNotVoid(kind, name, typeName(returnType)), method);
        }

        if (report.errorCount() > errorsBefore || arguments.contains(null) || returnType.getKind() == TypeKind.ERROR) {
            return Optional.empty();
        }
        return Optional.of(new HandlerMethod(kind, name, List.copyOf(arguments), reply, broadcast, throwsChecked,
                dispatchValue));
    }

    private void checkModifiers(ExecutableElement method, HandlerKind kind, String name) {
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
    }

    /**
     * What the dispatcher passes for each parameter, in order; {@code null} for a parameter whose type
     * javac could not resolve (javac reports it) or a typed message without codec (reported). Another
     * parameter in error is left out.
     */
    private List<Argument> arguments(ExecutableElement method, HandlerKind kind, String name, Optional<String> path,
                                     EndpointCodecs codecs) {
        List<Argument> arguments = new ArrayList<>();
        for (VariableElement parameter : method.getParameters()) {
            TypeMirror type = parameter.asType();
            String parameterName = parameter.getSimpleName().toString();
            List<Source> sources = Source.on(parameter);
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
                handshakeValues.handshakeValue(kind, name, parameter, sources.get(0), path).ifPresent(arguments::add);
                continue;
            }
            Optional<Argument> argument = argumentFor(kind, type);
            if (argument.isEmpty() && kind.requiresMessage() && isTypedMessageCandidate(type, kind, codecs)) {
                argument = codec(parameter, name, kind, type, "takes", codecs).map(TypedMessage::new);
                if (argument.isEmpty()) {
                    arguments.add(null); // reported: the handler takes a message, but of a type without codec
                    continue;
                }
            }
            Optional<Argument> accepted = argument;
            if (argument.isEmpty()) {
                report.error(Messages.parameterNotAccepted(kind, name, parameterName, typeName(type)), parameter);
            } else if (arguments.stream().anyMatch(a -> a != null && a.sameValueAs(accepted.get()))) {
                report.error(Messages.parameterRepeated(kind, name, parameterName, typeName(type)), parameter);
            } else {
                if (argument.get() instanceof HandledError || argument.get() instanceof TypedMessage) {
                    Mirrors.privateType(type).ifPresent(privateType -> report.error(Messages.parameterTypePrivate(
                            kind, name, parameterName, typeName(type), privateType.getSimpleName().toString()),
                            parameter));
                }
                arguments.add(argument.get());
            }
        }
        return arguments;
    }

    private Optional<Argument> argumentFor(HandlerKind kind, TypeMirror type) {
        boolean throwable = type.getKind() == TypeKind.DECLARED && mirrors.isSubtype(type, KnownTypes.THROWABLE);
        if (kind == HandlerKind.ERROR && throwable) {
            return Optional.of(new HandledError(ClassName.get((TypeElement) ((DeclaredType) type).asElement())));
        }
        Set<EventArgument> candidates = EnumSet.noneOf(EventArgument.class);
        if (isType(type, KnownTypes.SESSION)) {
            candidates.add(EventArgument.SESSION);
        } else if (isType(type, KnownTypes.HANDSHAKE_REQUEST)) {
            candidates.add(EventArgument.HANDSHAKE_REQUEST);
        } else if (isType(type, KnownTypes.STRING)) {
            candidates.add(EventArgument.TEXT_MESSAGE);
            candidates.add(EventArgument.CLOSE_REASON);
        } else if (type.getKind() == TypeKind.INT) {
            candidates.add(EventArgument.STATUS_CODE);
        } else if (isByteArray(type)) {
            candidates.add(EventArgument.BINARY_MESSAGE_BYTES);
            candidates.add(EventArgument.PAYLOAD_BYTES);
        } else if (isType(type, KnownTypes.BYTE_BUFFER)) {
            candidates.add(EventArgument.BINARY_MESSAGE_BUFFER);
            candidates.add(EventArgument.PAYLOAD_BUFFER);
        }
        candidates.retainAll(kind.accepted());
        return candidates.stream().<Argument>map(argument -> argument).findFirst();
    }

    /**
     * Whether a parameter or return type that is none of the event's own types (String, byte[],
     * ByteBuffer, WebSocketSession…) is meant as a typed message: a class or interface without type
     * arguments, not an exception nor a {@code CompletionStage}, that has a codec or is not the JDK's (a
     * JDK type without a codec, such as {@code Object} or {@code Integer}, is reported as a type the
     * handler cannot take, as before typed messages).
     */
    private boolean isTypedMessageCandidate(TypeMirror type, HandlerKind kind, EndpointCodecs codecs) {
        Optional<TypeElement> element = Mirrors.plainClass(type);
        if (element.isEmpty() || mirrors.isSubtype(type, KnownTypes.THROWABLE)
                || mirrors.isSubtype(type, KnownTypes.COMPLETION_STAGE)) {
            return false;
        }
        return codecs.find(type, kind == HandlerKind.BINARY_MESSAGE).isPresent()
                || !element.get().getQualifiedName().toString().startsWith("java.");
    }

    /**
     * The codec of a typed message or reply, reporting on the method a type without one, a JSON type
     * without the JSON module, and a private type.
     *
     * @param at  the parameter, or the method for a reply
     * @param use how the method uses the type, for the message, e.g. "takes" or "returns"
     */
    private Optional<MessageCodec> codec(Element at, String name, HandlerKind kind, TypeMirror type, String use,
                                         EndpointCodecs codecs) {
        Optional<MessageCodec> codec = codecs.find(type, kind == HandlerKind.BINARY_MESSAGE);
        if (codec.isEmpty()) {
            report.error(Messages.noCodec(kind, name, use, displayType(type)), at);
        } else if (codec.get().implementation() == null && codecs.jsonModuleMissing()) {
            report.error(Messages.jsonModuleMissing(kind, name, typeName(type)), at);
            return Optional.empty();
        } else if (at instanceof ExecutableElement) {
            Optional<TypeElement> privateType = Mirrors.privateType(type);
            if (privateType.isPresent()) {
                report.error(Messages.replyTypePrivate(kind, name, typeName(type),
                        privateType.get().getSimpleName().toString()), at);
                return Optional.empty();
            }
        }
        return codec;
    }

    /**
     * Whether a message handler's annotation says {@code broadcast = true}; reported on a method that
     * returns {@code void}, which gives nothing to broadcast.
     */
    private boolean broadcast(ExecutableElement method, HandlerKind kind, String name) {
        AnnotationMirror annotation = annotation(method, kind.annotation());
        AnnotationValue value = annotationValue(annotation, "broadcast");
        if (value == null || !Boolean.TRUE.equals(value.getValue())) {
            return false; // left to its default, false; javac reports a mistyped value itself
        }
        if (method.getReturnType().getKind() == TypeKind.VOID) {
            report.error(Messages.broadcastVoid(kind, name), method, annotation, value);
        }
        return true;
    }

    /**
     * The reply a message handler's return type gives: a plain one, or a typed one (or a
     * {@code CompletionStage} of one) encoded with its codec; {@link PlainReply#NONE} after reporting a
     * type that is neither.
     */
    private Reply reply(ExecutableElement method, HandlerKind kind, String name, EndpointCodecs codecs) {
        TypeMirror returnType = method.getReturnType();
        PlainReply plain = plainReply(kind, returnType);
        if (plain != null || returnType.getKind() == TypeKind.ERROR) {
            return plain == null ? PlainReply.NONE : plain;
        }
        boolean stage = mirrors.isSubtype(mirrors.erasure(returnType), KnownTypes.COMPLETION_STAGE);
        Optional<TypeMirror> typed = (stage ? mirrors.typeArgument(returnType, KnownTypes.COMPLETION_STAGE)
                : Optional.of(returnType)).filter(candidate -> isTypedMessageCandidate(candidate, kind, codecs));
        if (typed.isPresent()) {
            return codec(method, name, kind, typed.get(), stage ? "returns a CompletionStage of" : "returns", codecs)
                    .<Reply>map(codec -> new TypedReply(codec, stage))
                    .orElse(PlainReply.NONE);
        }
        if (stage) {
            report.error(Messages.asyncReplyNotAccepted(kind, name, displayType(returnType)), method);
        } else {
            report.error(Messages.returnNotReply(kind, name, typeName(returnType)), method);
        }
        return PlainReply.NONE;
    }

    /** The reply a message handler's return type gives when the runtime sends it as it is, or {@code null}. */
    private PlainReply plainReply(HandlerKind kind, TypeMirror returnType) {
        if (returnType.getKind() == TypeKind.VOID) {
            return PlainReply.NONE;
        }
        if (kind == HandlerKind.TEXT_MESSAGE) {
            if (isType(returnType, KnownTypes.STRING)) {
                return PlainReply.TEXT;
            }
            if (mirrors.isCompletionStageOf(returnType, mirrors.type(KnownTypes.STRING))) {
                return PlainReply.TEXT_ASYNC;
            }
        }
        if (kind == HandlerKind.BINARY_MESSAGE) {
            if (isByteArray(returnType)) {
                return PlainReply.BYTES;
            }
            if (isType(returnType, KnownTypes.BYTE_BUFFER)) {
                return PlainReply.BUFFER;
            }
            if (mirrors.isCompletionStageOf(returnType, mirrors.byteArray())) {
                return PlainReply.BYTES_ASYNC;
            }
            if (mirrors.isCompletionStageOf(returnType, mirrors.type(KnownTypes.BYTE_BUFFER))) {
                return PlainReply.BUFFER_ASYNC;
            }
        }
        return null;
    }

    private static boolean hasErrorType(ExecutableElement method) {
        return method.getParameters().stream().anyMatch(p -> p.asType().getKind() == TypeKind.ERROR);
    }
}
