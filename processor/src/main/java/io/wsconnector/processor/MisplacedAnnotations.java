package io.wsconnector.processor;

import static io.wsconnector.processor.Mirrors.annotation;

import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

import io.wsconnector.processor.HandshakeValue.Source;

/**
 * Reports the annotations that would silently do nothing where they are: a handler annotation on a
 * method of a class without {@code @WebSocketUpgradePath}, and a handshake-value annotation on a
 * parameter of anything but a handler method.
 */
final class MisplacedAnnotations {
    private final ErrorReport report;
    private final Elements elements;

    MisplacedAnnotations(ErrorReport report, Elements elements) {
        this.report = report;
        this.elements = elements;
    }

    /** Reports the misplaced annotations among the elements of this round. */
    void report(RoundEnvironment round) {
        reportHandlersOutsideEndpoints(round);
        reportHandshakeValuesOutsideHandlers(round);
    }

    private void reportHandlersOutsideEndpoints(RoundEnvironment round) {
        for (HandlerKind kind : HandlerKind.values()) {
            TypeElement annotation = elements.getTypeElement(kind.annotation().canonicalName());
            if (annotation == null) {
                continue;
            }
            for (ExecutableElement method : ElementFilter.methodsIn(round.getElementsAnnotatedWith(annotation))) {
                Element enclosing = method.getEnclosingElement();
                if (annotation(enclosing, KnownTypes.UPGRADE_PATH) == null) {
                    report.error(Messages.handlerOutsideEndpoint(kind, method.getSimpleName().toString(),
                            enclosing.getSimpleName().toString()), method, annotation(method, kind.annotation()));
                }
            }
        }
    }

    private void reportHandshakeValuesOutsideHandlers(RoundEnvironment round) {
        for (Source source : Source.values()) {
            TypeElement annotation = elements.getTypeElement(source.annotation().canonicalName());
            if (annotation == null) {
                continue;
            }
            for (Element element : round.getElementsAnnotatedWith(annotation)) {
                if (element instanceof VariableElement parameter && !isHandlerParameter(parameter)) {
                    Element enclosing = parameter.getEnclosingElement();
                    String owner = enclosing.getKind() == ElementKind.CONSTRUCTOR
                            ? "the constructor of '" + enclosing.getEnclosingElement().getSimpleName() + "'"
                            : "method '" + enclosing.getSimpleName() + "'";
                    report.error(Messages.handshakeValueOutsideHandler(source, parameter.getSimpleName().toString(),
                            owner), parameter, annotation(parameter, source.annotation()));
                }
            }
        }
    }

    private static boolean isHandlerParameter(VariableElement parameter) {
        return parameter.getEnclosingElement() instanceof ExecutableElement executable
                && !HandlerKind.on(executable).isEmpty();
    }
}
