package io.wsconnector.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;

/**
 * Builds small endpoint sources for the tests and compiles them with the {@link WebSocketProcessor}.
 *
 * <p>{@link #source} puts the package and every import on line 1. A test names the line it expects an
 * error on by its content ({@link #lineContaining}), never by a counted number.
 */
final class TestSources {
    /**
     * Line 1 of every {@link #source}: package {@code test}, the annotations, {@code WebSocketSession},
     * {@code HandshakeRequest}, {@code Optional}, {@code UUID} and {@code CompletionStage}.
     */
    static final String HEADER = "package test; "
            + "import io.wsconnector.annotations.*; "
            + "import io.wsconnector.runtime.WebSocketSession; "
            + "import io.wsconnector.runtime.HandshakeRequest; "
            + "import java.util.Optional; "
            + "import java.util.UUID; "
            + "import java.util.concurrent.CompletionStage;";

    private TestSources() {
    }

    /**
     * A source file {@code test/<simpleName>.java} of {@link #HEADER} followed by {@code lines}, the first
     * of which is line 2.
     */
    static JavaFileObject source(String simpleName, String... lines) {
        List<String> all = new ArrayList<>(lines.length + 1);
        all.add(HEADER);
        all.addAll(List.of(lines));
        return JavaFileObjects.forSourceLines("test." + simpleName, all);
    }

    /**
     * The number, from 1, of the one line of {@code source} that contains {@code fragment}.
     *
     * @throws AssertionError if no line or several lines contain it: the test names its line ambiguously
     */
    static int lineContaining(JavaFileObject source, String fragment) {
        List<String> lines;
        try {
            lines = source.getCharContent(true).toString().lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Integer> matches = IntStream.range(0, lines.size())
                .filter(i -> lines.get(i).contains(fragment))
                .mapToObj(i -> i + 1)
                .toList();
        if (matches.size() != 1) {
            throw new AssertionError("expected exactly one line of " + source.getName() + " to contain \""
                    + fragment + "\", but " + (matches.isEmpty() ? "none does" : "lines " + matches + " do"));
        }
        return matches.get(0);
    }

    /** Compiles {@code sources} with the processor, and javac's lint warnings (as the project's build does). */
    static Compilation compile(JavaFileObject... sources) {
        return Compiler.javac()
                .withProcessors(new WebSocketProcessor())
                .withOptions("-Xlint:all,-processing")
                .compile(sources);
    }

    /**
     * Compiles {@code sources} with the processor into {@code directory}: generated sources go to
     * {@code directory/generated}, classes and resources to {@code directory/classes}. Unlike
     * {@link #compile}, whose result hides the generated files of a failed compilation, this shows what
     * the processor wrote even when the compilation failed.
     *
     * @return every file written, relative to {@code directory}, e.g.
     *         {@code generated/test/Chat_WebSocketEndpoint.java}, sorted
     */
    static List<String> compileToDirectory(Path directory, JavaFileObject... sources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            Path generated = Files.createDirectories(directory.resolve("generated"));
            Path classes = Files.createDirectories(directory.resolve("classes"));
            files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(generated));
            files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(classes));
            JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics, null, null, List.of(sources));
            task.setProcessors(List.of(new WebSocketProcessor()));
            task.call();
            try (Stream<Path> written = Files.walk(directory)) {
                return written.filter(Files::isRegularFile)
                        .map(file -> directory.relativize(file).toString().replace('\\', '/'))
                        .sorted()
                        .toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
