package io.wsconnector.sample.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.wsconnector.runtime.WebSocketServer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chat server's settings come from its {@code application.yaml}, which system properties and
 * environment variables override, and the command line wins over all of them.
 */
class ChatConfigurationTest {
    /** What main reads, with a map standing for the system properties (the JVM's own are shared by all tests). */
    private static Config config(Map<String, String> systemProperties) {
        return Config.just(ConfigSources.create(systemProperties), ConfigSources.classpath("application.yaml"));
    }

    @Test
    void theApplicationYamlGivesThePortTheIdleTimeoutAndTheToken() {
        Config config = config(Map.of());

        assertEquals(9091, config.get("wsconnector.server.port").asInt().get());
        assertEquals("5m", config.get("wsconnector.server.idle-timeout").asString().get());
        assertEquals(ChatServer.DEFAULT_TOKEN, new ChatServer.Options(null, null, null, null).token(config));
    }

    @Test
    void configuredSettingsReachTheServerAndTheRoom() throws Exception {
        Config config = config(Map.of("wsconnector.server.port", "0", "wsconnector.server.idle-timeout", "1s",
                "chat.token", "configured"));
        try (WebSocketServer server = ChatServer.start(config, ChatServer.Options.parse(new String[0]));
             ChatClient ada = ChatClient.connect(ChatClient.uri(server.port(), "lobby", "token=configured&nick=ada"))) {
            ada.expect("* ada joined lobby");
            ada.expect("* still there? Say something, or you will be disconnected");
            assertEquals(401, ChatClient.refusedStatus(server.port(), "lobby", "token=secret&nick=bob"));
        }
    }

    @Test
    void theCommandLineWinsOverTheConfiguration() throws Exception {
        ChatServer.Options options = ChatServer.Options.parse(new String[] {"--port", "0", "--token", "given"});
        try (WebSocketServer server = ChatServer.start(config(Map.of("chat.token", "configured")), options);
             ChatClient ada = ChatClient.connect(ChatClient.uri(server.port(), "lobby", "token=given&nick=ada"))) {
            assertNotEquals(9091, server.port());
            ada.expect("* ada joined lobby");
        }
    }

    @Test
    void theMetricsAreServedInPrometheusTextFormatOnTheSamePort() throws Exception {
        Config config = config(Map.of("wsconnector.server.port", "0"));
        try (WebSocketServer server = ChatServer.start(config, ChatServer.Options.parse(new String[0]));
             ChatClient ada = ChatClient.connect(ChatClient.uri(server.port(), "lobby", "token=secret&nick=ada"))) {
            ada.expect("* ada joined lobby");

            HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/observe/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().lines().anyMatch(line -> line.startsWith("wsconnector_connections_open{")
                    && line.contains("endpoint=\"/chat/{room}\"")), metrics.body());
        }
    }
}
