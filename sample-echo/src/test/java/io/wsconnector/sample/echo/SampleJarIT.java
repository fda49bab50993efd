package io.wsconnector.sample.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Runs the packaged sample as the README does, {@code java -jar sample-echo/target/sample-echo.jar},
 * on a free port, and echoes through it.
 */
class SampleJarIT {
    private static final Pattern LISTENING = Pattern.compile("Echo server listening on (ws://\\S+)");

    @Test
    void packagedJarServesTheEchoEndpoint() throws Exception {
        Path jar = Path.of(System.getProperty("sample.jar"));
        assertTrue(Files.isRegularFile(jar), "missing " + jar);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-jar", jar.toString(), "--port", "0")
                .redirectErrorStream(true)
                .start();
        try {
            CompletableFuture<URI> uri = CompletableFuture.supplyAsync(() -> awaitListeningLine(process));
            URI endpoint = uri.get(30, TimeUnit.SECONDS);
            assertEquals("/test/websocket", endpoint.getPath());
            try (EchoClient client = new EchoClient(endpoint)) {
                assertEquals("hello from the jar", client.echo("hello from the jar"));
            }
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static URI awaitListeningLine(Process process) {
        // not closed here: once the URL is read, a virtual thread keeps draining the output so that the
        // server never blocks on a full pipe; the stream closes when the process is destroyed
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder output = new StringBuilder();
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                output.append(line).append('\n');
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.find()) {
                    Thread.ofVirtual().start(() -> drain(reader));
                    return URI.create(matcher.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("the sample exited without printing its URL; output:\n" + output);
    }

    private static void drain(BufferedReader reader) {
        try {
            reader.transferTo(java.io.Writer.nullWriter());
        } catch (IOException e) {
            // the process was destroyed: nothing left to drain
        }
    }
}
