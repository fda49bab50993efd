package io.wsconnector.processor;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

import com.google.auto.service.AutoService;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.JavaFile;

/**
 * The wsconnector annotation processor. It only orchestrates: the {@link EndpointValidator} checks each
 * class annotated with {@code @WebSocketUpgradePath} and builds its model, the
 * {@link EndpointGenerator} writes the dispatcher and registration classes, and the
 * {@link ServiceFileWriter} lists the registrations for {@link java.util.ServiceLoader}.
 */
@AutoService(Processor.class)
public final class WebSocketProcessor extends AbstractProcessor {
    private static final String GENERATED = "javax.annotation.processing.Generated";

    private final Map<String, EndpointModel> endpointsByPath = new LinkedHashMap<>();
    private ErrorReport report;
    private EndpointValidator validator;
    private EndpointGenerator generator;
    private ServiceFileWriter serviceFileWriter;

    @Override
    public synchronized void init(ProcessingEnvironment processingEnv) {
        super.init(processingEnv);
        report = new ErrorReport(processingEnv.getMessager());
        validator = new EndpointValidator(processingEnv.getElementUtils(), processingEnv.getTypeUtils(), report);
        boolean hasGenerated = processingEnv.getElementUtils().getTypeElement(GENERATED) != null;
        generator = new EndpointGenerator(hasGenerated ? ClassName.bestGuess(GENERATED) : null);
        serviceFileWriter = new ServiceFileWriter(processingEnv.getFiler());
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Stream.of(
                        Stream.of(EndpointValidator.UPGRADE_PATH, EndpointValidator.BASE_PATH),
                        Stream.of(HandlerKind.values()).map(HandlerKind::annotationName),
                        Stream.of(HandshakeValue.Source.values()).map(HandshakeValue.Source::annotationName))
                .flatMap(names -> names)
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        try {
            processRound(round);
            if (round.processingOver() && !endpointsByPath.isEmpty()) {
                serviceFileWriter.write(endpointsByPath.values());
            }
        } catch (IOException | RuntimeException | Error e) {
            StringWriter stackTrace = new StringWriter();
            e.printStackTrace(new PrintWriter(stackTrace));
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    Messages.processorCrashed(stackTrace.toString()));
        }
        return false;
    }

    private void processRound(RoundEnvironment round) throws IOException {
        TypeElement upgradePath = processingEnv.getElementUtils().getTypeElement(EndpointValidator.UPGRADE_PATH);
        if (upgradePath == null) {
            return;
        }
        reportHandlersOutsideEndpoints(round);
        reportHandshakeValuesOutsideHandlers(round);
        List<TypeElement> endpointTypes = new ArrayList<>(ElementFilter.typesIn(round.getElementsAnnotatedWith(upgradePath)));
        for (TypeElement type : endpointTypes) {
            validator.validate(type).ifPresent(this::accept);
        }
    }

    private void accept(EndpointModel model) {
        AnnotationMirror upgradePath = EndpointValidator.annotation(model.element(), EndpointValidator.UPGRADE_PATH);
        EndpointModel samePath = endpointsByPath.get(model.path());
        if (samePath != null) {
            report.error(Messages.duplicatePath(model.path(), model.endpointClass().simpleName(),
                    samePath.endpointClass().canonicalName()), model.element(), upgradePath);
            return;
        }
        for (EndpointModel other : endpointsByPath.values()) {
            if (EndpointPaths.canMatchSameRequest(model.path(), other.path())) {
                report.error(Messages.overlappingPath(model.path(), model.endpointClass().simpleName(), other.path(),
                        other.endpointClass().canonicalName()), model.element(), upgradePath);
                return;
            }
        }
        // Outer.Inner and a top-level Outer_Inner in one package would both generate Outer_Inner_WebSocket*.
        for (EndpointModel other : endpointsByPath.values()) {
            if (other.registrationClass().equals(model.registrationClass())) {
                report.error(Messages.generatedNameClash(model.endpointClass().simpleName(),
                        model.registrationClass().canonicalName(), other.endpointClass().canonicalName()),
                        model.element(), upgradePath);
                return;
            }
        }
        endpointsByPath.put(model.path(), model);
        for (JavaFile file : generator.generate(model)) {
            try {
                file.writeTo(processingEnv.getFiler());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private void reportHandshakeValuesOutsideHandlers(RoundEnvironment round) {
        for (HandshakeValue.Source source : HandshakeValue.Source.values()) {
            TypeElement annotation = processingEnv.getElementUtils().getTypeElement(source.annotationName());
            if (annotation == null) {
                continue;
            }
            for (Element element : round.getElementsAnnotatedWith(annotation)) {
                if (element instanceof VariableElement parameter) {
                    validator.checkHandshakeValueOnHandler(parameter, source);
                }
            }
        }
    }

    private void reportHandlersOutsideEndpoints(RoundEnvironment round) {
        for (HandlerKind kind : HandlerKind.values()) {
            TypeElement annotation = processingEnv.getElementUtils().getTypeElement(kind.annotationName());
            if (annotation == null) {
                continue;
            }
            for (ExecutableElement method : ElementFilter.methodsIn(round.getElementsAnnotatedWith(annotation))) {
                Element enclosing = method.getEnclosingElement();
                if (EndpointValidator.annotation(enclosing, EndpointValidator.UPGRADE_PATH) == null) {
                    validator.reportHandlerOutsideEndpoint(method, kind);
                }
            }
        }
    }
}
