package io.wsconnector.sample.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Runs the packaged sample as the README does, {@code java -jar sample-chat/target/sample-chat.jar}, on
 * a free port, chats through the URL it prints, and loads the chat page.
 */
class SampleJarIT {
    private static final Pattern LISTENING = Pattern.compile("Chat server listening on (ws://\\S+)");

    @Test
    void packagedJarServesTheChat() throws Exception {
        Path jar = Path.of(System.getProperty("sample.jar"));
        assertTrue(Files.isRegularFile(jar), "missing " + jar);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-jar", jar.toString(), "--port", "0")
                .redirectErrorStream(true)
                .start();
        try {
            URI printed = CompletableFuture.supplyAsync(() -> awaitListeningLine(process)).get(30, TimeUnit.SECONDS);
            assertEquals("/chat/lobby", printed.getPath());
            assertEquals("token=secret&nick=ada", printed.getQuery());
            int port = printed.getPort();

            try (ChatClient ada = ChatClient.connect(printed)) {
                ada.expect("* ada joined lobby");
                ChatClient bob = ChatClient.join(port, "lobby", "bob");
                ada.expect("* bob joined lobby");
                ada.say("hello from the jar");
                ada.expect("ada: hello from the jar");
                bob.expect("ada: hello from the jar");
                bob.close();
                ada.expect("* bob left lobby");
            }
            assertEquals(401, ChatClient.refusedStatus(port, "lobby", "token=guess&nick=eve"));

            // the page, from the jar's resources, with the default token filled in
            HttpResponse<String> page = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertEquals("text/html; charset=UTF-8", page.headers().firstValue("Content-Type").orElse(null));
            assertTrue(page.body().contains("<meta name=\"chat-token\" content=\"secret\">"), page.body());
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
            reader.transferTo(Writer.nullWriter());
        } catch (IOException e) {
            // the process was destroyed: nothing left to drain
        }
    }
}
