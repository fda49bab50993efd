package io.wsconnector.processor;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.lang.model.element.AnnotationMirror;

/**
 * The valid endpoints of one compilation, by path: admits an endpoint only if no earlier one has the
 * same path, a path template that can match the same request, or the same generated class names,
 * reporting the clash on the later endpoint's {@code @WebSocketUpgradePath}.
 */
final class EndpointRegistry {
    private final ErrorReport report;
    private final Map<String, EndpointModel> endpointsByPath = new LinkedHashMap<>();

    EndpointRegistry(ErrorReport report) {
        this.report = report;
    }

    /**
     * Adds {@code model} unless it clashes with an endpoint added before (reported).
     *
     * @return whether it was added
     */
    boolean register(EndpointModel model) {
        AnnotationMirror upgradePath = Mirrors.annotation(model.element(), KnownTypes.UPGRADE_PATH);
        EndpointModel samePath = endpointsByPath.get(model.path());
        if (samePath != null) {
            report.error(Messages.duplicatePath(model.path(), model.endpointClass().simpleName(),
                    samePath.endpointClass().canonicalName()), model.element(), upgradePath);
            return false;
        }
        for (EndpointModel other : endpointsByPath.values()) {
            if (EndpointPaths.canMatchSameRequest(model.path(), other.path())) {
                report.error(Messages.overlappingPath(model.path(), model.endpointClass().simpleName(), other.path(),
                        other.endpointClass().canonicalName()), model.element(), upgradePath);
                return false;
            }
        }
        // Outer.Inner and a top-level Outer_Inner in one package would both generate Outer_Inner_WebSocket*.
        for (EndpointModel other : endpointsByPath.values()) {
            if (other.registrationClass().equals(model.registrationClass())) {
                report.error(Messages.generatedNameClash(model.endpointClass().simpleName(),
                        model.registrationClass().canonicalName(), other.endpointClass().canonicalName()),
                        model.element(), upgradePath);
                return false;
            }
        }
        endpointsByPath.put(model.path(), model);
        return true;
    }

    /** The endpoints added, in the order they were added. */
    Collection<EndpointModel> endpoints() {
        return Collections.unmodifiableCollection(endpointsByPath.values());
    }
}
