package io.wsconnector.sample.echo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.OptionalInt;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.wsconnector.runtime.WebSocketServer;
import io.wsconnector.testsupport.JdkClient;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The echo server's settings come from its {@code application.yaml}, which system properties and
 * environment variables override, and the command line's port wins over all of them; its meters are served
 * on the same port.
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
             JdkClient client = JdkClient.connect(server.endpointUris().get(0))) {
            assertArrayEquals(twoMiB, client.sendBinary(twoMiB).awaitBinary());
        }
    }

    @Test
    void aSystemPropertyOverridesTheApplicationYaml() throws Exception {
        try (WebSocketServer server = WebSocketEchoServer.start(config(Map.of(
                "wsconnector.server.port", "0", "wsconnector.server.max-message-size", "1KiB")), OptionalInt.empty());
             JdkClient client = JdkClient.connect(server.endpointUris().get(0))) {
            client.sendBinary(new byte[2048]).awaitClose(1009);
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
             JdkClient client = JdkClient.connect(server.endpointUris().get(0))) {
            assertEquals("counted", client.send("counted").awaitText());

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

    @Test
    void aHelidonFeatureOnTheClassPathIsServedOnlyWhenAdded() throws Exception {
        // helidon-webserver-observe-metrics is on this class path; WebSocketServer does not look for features
        try (WebSocketServer plain = WebSocketServer.builder().host("127.0.0.1").port(0).build().start()) {
            HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + plain.port() + "/observe/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, metrics.statusCode());
        }
    }
}
