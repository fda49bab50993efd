package io.wsconnector.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A packaged application run the way a README tells a user to, {@code java -jar app.jar ...}, with the JDK that
 * runs the tests, in a process of its own; closing it destroys the process.
 */
public final class JarProcess implements AutoCloseable {
    /** The system property that names the jar a module packaged. */
    public static final String PACKAGED_JAR = "packaged.jar";

    private final Process process;
    private final BufferedReader output;

    private JarProcess(Process process) {
        this.process = process;
        // closed with the process: once a test has read what it waits for, a thread keeps draining the output
        // so that the application never blocks on a full pipe
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * Starts the jar the module's package phase built, {@code java -jar <jar> arguments...}: the parent POM's
     * failsafe configuration passes its path as the system property {@value #PACKAGED_JAR}.
     */
    public static JarProcess startPackaged(String... arguments) throws IOException {
        String jar = System.getProperty(PACKAGED_JAR);
        if (jar == null) {
            throw new AssertionError("no system property " + PACKAGED_JAR + ": run this test with failsafe");
        }
        return start(Path.of(jar), arguments);
    }

    /** Starts {@code java -jar jar arguments...}, its error output merged into its output. */
    public static JarProcess start(Path jar, String... arguments) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("missing " + jar + ": package it first");
        }
        String[] command = new String[3 + arguments.length];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        command[1] = "-jar";
        command[2] = jar.toString();
        System.arraycopy(arguments, 0, command, 3, arguments.length);
        return new JarProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /**
     * Reads the output until a line matches {@code line}, within {@code timeout}, and returns the URI its first
     * group holds (e.g. {@code "listening on (ws://\\S+)"}); fails with the output so far if the process exits or
     * the time runs out first. The output after that line is read and dropped.
     */
    public URI awaitUri(Pattern line, Duration timeout) throws Exception {
        StringBuilder seen = new StringBuilder();
        CompletableFuture<URI> uri = CompletableFuture.supplyAsync(() -> readUntil(line, seen));
        try {
            return uri.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            synchronized (seen) {
                throw new AssertionError("awaited a line matching '" + line + "': not within "
                        + Await.describe(timeout) + "; output so far:\n" + seen);
            }
        }
    }

    private URI readUntil(Pattern pattern, StringBuilder seen) {
        try {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                synchronized (seen) {
                    seen.append(line).append('\n');
                }
                Matcher matcher = pattern.matcher(line);
                if (matcher.find()) {
                    Thread.ofVirtual().start(this::drain);
                    return URI.create(matcher.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (seen) {
            throw new AssertionError("the process exited without printing a line matching '" + pattern
                    + "'; output:\n" + seen);
        }
    }

    private void drain() {
        try {
            output.transferTo(Writer.nullWriter());
        } catch (IOException e) {
            // the process was destroyed: nothing left to drain
        }
    }

    /** Destroys the process and waits for it to end. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(Await.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
    }
}
