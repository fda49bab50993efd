package io.wsconnector.processor;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.annotation.processing.Completion;
import javax.annotation.processing.Filer;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import org.junit.jupiter.api.Test;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.wsconnector.processor.TestSources.source;

/**
 * An exception inside the processor becomes one compile error that asks for a bug report and carries
 * the stack trace, instead of javac's own "an annotation processor threw an uncaught exception" crash.
 *
 * <p>{@link WebSocketProcessor} has no test hook, so the failure is injected from outside: the real
 * processor runs inside {@link FailingFilerProcessor}, which hands it a {@link Filer} that fails.
 */
class WebSocketProcessorCrashTest {

    private static final JavaFileObject ENDPOINT = source("Chat",
            "@WebSocketUpgradePath(\"/chat\")",
            "class Chat {",
            "    @OnOpen void opened(WebSocketSession session) { }",
            "}");

    @Test
    void failureWritingGeneratedSource_reportedAsProcessorCrashWithStackTrace() {
        Compilation compilation = Compiler.javac()
                .withProcessors(new FailingFilerProcessor(true, false))
                .compile(ENDPOINT);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining(Messages.processorCrashed(""));
        assertThat(compilation).hadErrorContaining("FilerException: simulated failure creating test.Chat_WebSocketDispatcher");
        assertThat(compilation).hadErrorContaining("at io.wsconnector.processor.GeneratedFiles.writeSources(");
    }

    @Test
    void failureWritingServiceFile_reportedAsProcessorCrashWithStackTrace() {
        Compilation compilation = Compiler.javac()
                .withProcessors(new FailingFilerProcessor(false, true))
                .compile(ENDPOINT);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining(Messages.processorCrashed(""));
        assertThat(compilation).hadErrorContaining(
                "FilerException: simulated failure creating META-INF/services/io.wsconnector.runtime.spi.WebSocketEndpoint");
        assertThat(compilation).hadErrorContaining("at io.wsconnector.processor.GeneratedFiles.writeServiceFile(");
    }

    /** Runs a {@link WebSocketProcessor} whose {@link Filer} throws on sources, on resources, or both. */
    private static final class FailingFilerProcessor implements Processor {
        private final Processor delegate = new WebSocketProcessor();
        private final boolean failSources;
        private final boolean failResources;

        FailingFilerProcessor(boolean failSources, boolean failResources) {
            this.failSources = failSources;
            this.failResources = failResources;
        }

        @Override
        public void init(ProcessingEnvironment environment) {
            Filer filer = environment.getFiler();
            Filer failing = new Filer() {
                @Override
                public JavaFileObject createSourceFile(CharSequence name, Element... originatingElements)
                        throws IOException {
                    if (failSources) {
                        throw new FilerException("simulated failure creating " + name);
                    }
                    return filer.createSourceFile(name, originatingElements);
                }

                @Override
                public JavaFileObject createClassFile(CharSequence name, Element... originatingElements)
                        throws IOException {
                    return filer.createClassFile(name, originatingElements);
                }

                @Override
                public FileObject createResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
                        CharSequence relativeName, Element... originatingElements) throws IOException {
                    if (failResources) {
                        throw new FilerException("simulated failure creating " + relativeName);
                    }
                    return filer.createResource(location, moduleAndPkg, relativeName, originatingElements);
                }

                @Override
                public FileObject getResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
                        CharSequence relativeName) throws IOException {
                    return filer.getResource(location, moduleAndPkg, relativeName);
                }
            };
            delegate.init(new ProcessingEnvironment() {
                @Override
                public Map<String, String> getOptions() {
                    return environment.getOptions();
                }

                @Override
                public Messager getMessager() {
                    return environment.getMessager();
                }

                @Override
                public Filer getFiler() {
                    return failing;
                }

                @Override
                public Elements getElementUtils() {
                    return environment.getElementUtils();
                }

                @Override
                public Types getTypeUtils() {
                    return environment.getTypeUtils();
                }

                @Override
                public SourceVersion getSourceVersion() {
                    return environment.getSourceVersion();
                }

                @Override
                public Locale getLocale() {
                    return environment.getLocale();
                }
            });
        }

        @Override
        public Set<String> getSupportedOptions() {
            return delegate.getSupportedOptions();
        }

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return delegate.getSupportedAnnotationTypes();
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return delegate.getSupportedSourceVersion();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            return delegate.process(annotations, round);
        }

        @Override
        public Iterable<? extends Completion> getCompletions(Element element, AnnotationMirror annotation,
                ExecutableElement member, String userText) {
            return delegate.getCompletions(element, annotation, member, userText);
        }
    }
}
