package io.wsconnector.processor;

import java.util.ArrayList;
import java.util.List;

import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * Puts one class's {@code @OnError} handlers in the order the dispatcher tries them, each before every
 * handler of a supertype of its exception type, reporting a second handler for the same type.
 */
final class ErrorHandlerOrder {
    private final ErrorReport report;
    private final Mirrors mirrors;
    private final String typeName;
    private final List<ErrorHandler> handlers = new ArrayList<>();

    /** An {@code @OnError} method with the type it handles. */
    private record ErrorHandler(ExecutableElement method, HandlerMethod handler, TypeMirror type) {
    }

    /**
     * @param typeName the simple name of the endpoint class, for messages
     */
    ErrorHandlerOrder(ErrorReport report, Mirrors mirrors, String typeName) {
        this.report = report;
        this.mirrors = mirrors;
        this.typeName = typeName;
    }

    /** Adds a valid {@code @OnError} method, unless an earlier one handles the same type (reported). */
    void add(ExecutableElement method, HandlerMethod handler) {
        TypeMirror handled = method.getParameters().stream()
                .filter(parameter -> HandshakeValue.Source.on(parameter).isEmpty())
                .map(VariableElement::asType)
                .filter(parameterType -> mirrors.isSubtype(parameterType, KnownTypes.THROWABLE))
                .findFirst()
                .orElseThrow();
        for (ErrorHandler other : handlers) {
            if (mirrors.isSameType(other.type(), handled)) {
                report.error(Messages.duplicateErrorHandler(typeName, Mirrors.typeName(handled),
                                other.method().getSimpleName().toString(), method.getSimpleName().toString()),
                        method, Mirrors.annotation(method, HandlerKind.ERROR.annotation()));
                return;
            }
        }
        handlers.add(new ErrorHandler(method, handler, handled));
    }

    /**
     * The handlers added, in the order the dispatcher tries them: each before every handler of a
     * supertype of its type, and otherwise in declaration order.
     */
    List<HandlerMethod> mostSpecificFirst() {
        List<ErrorHandler> remaining = new ArrayList<>(handlers);
        List<HandlerMethod> ordered = new ArrayList<>();
        while (!remaining.isEmpty()) {
            for (ErrorHandler candidate : remaining) {
                boolean handlesNoSubtypeOfAnother = remaining.stream()
                        .noneMatch(other -> other != candidate && mirrors.isSubtype(other.type(), candidate.type()));
                if (handlesNoSubtypeOfAnother) {
                    ordered.add(candidate.handler());
                    remaining.remove(candidate);
                    break;
                }
            }
        }
        return ordered;
    }
}
