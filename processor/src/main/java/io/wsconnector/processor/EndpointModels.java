package io.wsconnector.processor;

import java.util.List;
import java.util.Optional;

import javax.lang.model.element.TypeElement;

import com.squareup.javapoet.ClassName;

/**
 * Builds the {@link EndpointModel} of a class annotated with {@code @WebSocketUpgradePath}, only when
 * the class has no mistake: it is checked whole first, so that the user sees every mistake in one
 * compile.
 */
final class EndpointModels {
    private final ErrorReport report;
    private final EndpointClassValidator classValidator;
    private final HandlerMethodValidator handlerValidator;
    private final Mirrors mirrors;

    EndpointModels(ErrorReport report, Mirrors mirrors) {
        this.report = report;
        this.mirrors = mirrors;
        this.classValidator = new EndpointClassValidator(report, mirrors);
        this.handlerValidator = new HandlerMethodValidator(report, mirrors);
    }

    /**
     * Checks a class annotated with {@code @WebSocketUpgradePath}.
     *
     * @return its model, or empty if an error was reported
     */
    Optional<EndpointModel> create(TypeElement type) {
        int errorsBefore = report.errorCount();
        if (!classValidator.checkIsClass(type)) {
            return Optional.empty();
        }
        boolean noArgConstructor = classValidator.checkClass(type);
        Optional<String> path = classValidator.path(type);
        List<String> subprotocols = classValidator.subprotocols(type);
        List<String> origins = classValidator.origins(type);
        int idleTimeoutSeconds = classValidator.idleTimeoutSeconds(type);
        Optional<String> dispatchKey = classValidator.dispatchKey(type);
        EndpointCodecs codecs = EndpointCodecs.of(type, report, mirrors);
        List<HandlerMethod> handlers = handlerValidator.handlers(type, path, codecs, dispatchKey);
        if (report.errorCount() > errorsBefore || path.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new EndpointModel(type, ClassName.get(type), path.get(), handlers, subprotocols, origins,
                idleTimeoutSeconds, noArgConstructor, dispatchKey));
    }
}
