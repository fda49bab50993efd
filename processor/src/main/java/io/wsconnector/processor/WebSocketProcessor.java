package io.wsconnector.processor;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;

import com.google.auto.service.AutoService;
import com.squareup.javapoet.ClassName;

/**
 * The wsconnector annotation processor. It only orchestrates: for each class annotated with
 * {@code @WebSocketUpgradePath}, {@link EndpointModels} validates it and builds its model, the
 * {@link EndpointRegistry} admits it if no other endpoint clashes with it, the
 * {@link EndpointGenerator} generates its dispatcher and registration, and {@link GeneratedFiles}
 * writes them, and at the end the service file that lists the registrations.
 */
@AutoService(Processor.class)
public final class WebSocketProcessor extends AbstractProcessor {
    private MisplacedAnnotations misplacedAnnotations;
    private EndpointModels models;
    private EndpointRegistry registry;
    private EndpointGenerator generator;
    private GeneratedFiles files;

    @Override
    public synchronized void init(ProcessingEnvironment processingEnv) {
        super.init(processingEnv);
        Elements elements = processingEnv.getElementUtils();
        ErrorReport report = new ErrorReport(processingEnv.getMessager());
        misplacedAnnotations = new MisplacedAnnotations(report, elements);
        models = new EndpointModels(report, new Mirrors(elements, processingEnv.getTypeUtils()));
        registry = new EndpointRegistry(report);
        boolean hasGenerated = elements.getTypeElement(KnownTypes.GENERATED.canonicalName()) != null;
        generator = new EndpointGenerator(hasGenerated ? KnownTypes.GENERATED : null);
        files = new GeneratedFiles(processingEnv.getFiler());
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Stream.of(
                        Stream.of(KnownTypes.UPGRADE_PATH, KnownTypes.BASE_PATH),
                        Stream.of(HandlerKind.values()).map(HandlerKind::annotation),
                        Stream.of(HandshakeValue.Source.values()).map(HandshakeValue.Source::annotation))
                .flatMap(names -> names)
                .map(ClassName::canonicalName)
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    /**
     * Processes a round; a crash of the processor itself, whatever its cause, becomes one compile error
     * with the stack trace, so that it never looks like a mistake in the user's code.
     */
    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        try {
            processRound(round);
            if (round.processingOver()) {
                files.writeServiceFile(registry.endpoints());
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
        TypeElement upgradePath = processingEnv.getElementUtils()
                .getTypeElement(KnownTypes.UPGRADE_PATH.canonicalName());
        if (upgradePath == null) {
            return;
        }
        misplacedAnnotations.report(round);
        for (TypeElement type : ElementFilter.typesIn(round.getElementsAnnotatedWith(upgradePath))) {
            Optional<EndpointModel> model = models.create(type).filter(registry::register);
            if (model.isPresent()) {
                files.writeSources(generator.generate(model.get()));
            }
        }
    }
}
