package io.wsconnector.sample.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;

import io.wsconnector.testsupport.JarProcess;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the packaged sample as the README does, {@code java -jar sample-chat/target/sample-chat.jar}, on
 * a free port, chats through the URL it prints, and loads the chat page.
 */
class SampleJarIT {
    private static final Pattern LISTENING = Pattern.compile("Chat server listening on (ws://\\S+)");

    @Test
    void packagedJarServesTheChat() throws Exception {
        try (JarProcess sample = JarProcess.startPackaged("--port", "0")) {
            URI printed = sample.awaitUri(LISTENING, Duration.ofSeconds(30));
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
        }
    }
}
