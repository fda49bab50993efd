package io.wsconnector.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Reports compile errors on the elements at fault, and remembers whether any was reported, so that a
 * class is checked whole (every mistake in one compile) and then generated only if it had none.
 */
final class ErrorReport {
    private final Messager messager;
    private int errors;

    ErrorReport(Messager messager) {
        this.messager = messager;
    }

    void error(String message, Element element) {
        messager.printMessage(Diagnostic.Kind.ERROR, message, element);
        errors++;
    }

    void error(String message, Element element, AnnotationMirror annotation) {
        messager.printMessage(Diagnostic.Kind.ERROR, message, element, annotation);
        errors++;
    }

    void error(String message, Element element, AnnotationMirror annotation, AnnotationValue value) {
        messager.printMessage(Diagnostic.Kind.ERROR, message, element, annotation, value);
        errors++;
    }

    /** The number of errors reported so far. */
    int errorCount() {
        return errors;
    }
}
