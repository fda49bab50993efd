package io.wsconnector.sample.echo;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;

import io.wsconnector.testsupport.JarProcess;
import io.wsconnector.testsupport.JdkClient;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs the packaged sample as the README does, {@code java -jar sample-echo/target/sample-echo.jar},
 * on a free port, and echoes through it.
 */
class SampleJarIT {
    private static final Pattern LISTENING = Pattern.compile("Echo server listening on (ws://\\S+)");

    @Test
    void packagedJarServesTheEchoEndpoint() throws Exception {
        try (JarProcess sample = JarProcess.startPackaged("--port", "0")) {
            URI endpoint = sample.awaitUri(LISTENING, Duration.ofSeconds(30));
            assertEquals("/test/websocket", endpoint.getPath());
            try (JdkClient client = JdkClient.connect(endpoint)) {
                assertEquals("hello from the jar", client.send("hello from the jar").awaitText());
            }
        }
    }
}
