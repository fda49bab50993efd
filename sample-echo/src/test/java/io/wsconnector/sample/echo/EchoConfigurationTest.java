package io.wsconnector.sample.echo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.wsconnector.runtime.WebSocketServer;
import org.junit.jupiter.api.Test;

/**
 * The echo server's settings come from its {@code application.yaml}, which system properties and
 * environment variables override, and the command line's port wins over all of them.
 */
class EchoConfigurationTest {
    /** What main reads, with a map standing for the system properties (the JVM's own are shared by all tests). */
    private static Config config(Map<String, String> systemProperties) {
        return Config.just(ConfigSources.create(systemProperties), ConfigSources.classpath("application.yaml"));
    }

    @Test
    void theApplicationYamlLetsMessagesOverTheDefaultMegabyteThrough() throws Exception {
        byte[] twoMiB = new byte[2 * 1024 * 1024];
        try (WebSocketServer server = WebSocketEchoServer.start(config(Map.of("wsconnector.server.port", "0")),
                OptionalInt.empty());
             EchoClient client = new EchoClient(server.endpointUris().get(0))) {
            assertArrayEquals(twoMiB, client.echo(twoMiB));
        }
    }

    @Test
    void aSystemPropertyOverridesTheApplicationYaml() throws Exception {
        try (WebSocketServer server = WebSocketEchoServer.start(config(Map.of(
                "wsconnector.server.port", "0", "wsconnector.server.max-message-size", "1KiB")), OptionalInt.empty())) {
            CompletableFuture<Integer> closeCode = new CompletableFuture<>();
            WebSocket webSocket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(server.endpointUris().get(0), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
                            closeCode.complete(statusCode);
                            return null;
                        }
                    })
                    .get(10, TimeUnit.SECONDS);
            webSocket.sendBinary(ByteBuffer.wrap(new byte[2048]), true);
            assertEquals(1009, closeCode.get(10, TimeUnit.SECONDS), "a 2 KiB message over the 1 KiB limit");
        }
    }

    @Test
    void thePortOnTheCommandLineWinsOverTheConfiguredOne() {
        try (WebSocketServer server = WebSocketEchoServer.start(config(Map.of()), OptionalInt.of(0))) {
            assertNotEquals(9090, server.port(), "application.yaml says 9090; --port 0 chose a free one");
        }
    }

    @Test
    void theMetricsAreServedInPrometheusTextFormatOnTheSamePort() throws Exception {
        try (WebSocketServer server = WebSocketEchoServer.start(config(Map.of()), OptionalInt.of(0));
             EchoClient client = new EchoClient(server.endpointUris().get(0))) {
            assertEquals("counted", client.echo("counted"));

            HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/observe/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
                    metrics.headers().toString());
            assertTrue(metrics.body().lines().anyMatch(line -> line.startsWith("wsconnector_messages_total{")
                    && line.contains("direction=\"in\"") && line.contains("endpoint=\"/test/websocket\"")),
                    metrics.body());
        }
    }
}
