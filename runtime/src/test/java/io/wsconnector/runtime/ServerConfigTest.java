package io.wsconnector.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.config.EnvironmentVariables;
import io.wsconnector.runtime.protocol.ConnectionLimits;
import io.wsconnector.runtime.protocol.EndpointMetrics;
import io.wsconnector.runtime.protocol.RouteSettings;
import io.wsconnector.runtime.protocol.SendQueueLimits;
import io.wsconnector.runtime.spi.WebSocketDispatcher;
import io.wsconnector.testsupport.JdkClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server's settings read from Helidon configuration: every key reaches its setting, an endpoint's keys
 * override the server's for that endpoint only, and unknown keys and bad values are refused by their full
 * name.
 */
@Timeout(60)
class ServerConfigTest {
    private static final TestEndpoint ECHO = TestEndpoint.at("/echo", Echo::new);
    private static final TestEndpoint ROOMS = TestEndpoint.at("/rooms/{room}", Echo::new).idleTimeoutSeconds(7);

    private WebSocketServer server;

    @AfterEach
    void stopServer() {
        TestServers.stop(server);
    }

    private static Config config(Map<String, String> values) {
        return Config.just(ConfigSources.create(values)).get("wsconnector.server");
    }

    private static WebSocketServer.Builder builder(Map<String, String> values) {
        return TestServers.builder(builder -> builder.config(config(values)), ECHO, ROOMS);
    }

    private static RouteSettings settingsOf(WebSocketServer.Builder builder, TestEndpoint endpoint) {
        return builder.endpointSettings(endpoint.path(), "test")
                .resolve(builder.defaults(), endpoint, EndpointMetrics.NONE);
    }

    @Test
    void everyServerKeyReachesItsSetting() {
        WebSocketServer.Builder builder = builder(Map.of(
                "wsconnector.server.max-message-size", "16MiB",
                "wsconnector.server.idle-timeout", "PT90S",
                "wsconnector.server.close-timeout", "500ms",
                "wsconnector.server.allowed-origins", "https://a.example, https://b.example",
                "wsconnector.server.send-queue-limit", "64KiB",
                "wsconnector.server.slow-consumer-policy", "drop-oldest",
                "wsconnector.server.send-queue-soft-limit", "16KiB",
                "wsconnector.server.send-queue-soft-window", "3s",
                "wsconnector.server.message-timeout", "20s"));

        RouteSettings echo = settingsOf(builder, ECHO);
        assertEquals(new ConnectionLimits(16 * 1024 * 1024, Duration.ofMillis(500), Duration.ofSeconds(20),
                new SendQueueLimits(64 * 1024, 16 * 1024, Duration.ofSeconds(3), SlowConsumerPolicy.DROP_OLDEST)),
                echo.limits());
        assertEquals(Duration.ofSeconds(90), echo.idleTimeout());
        assertEquals(Set.of("https://a.example", "https://b.example"), echo.allowedOrigins());
        assertEquals(Duration.ofSeconds(7), settingsOf(builder, ROOMS).idleTimeout(),
                "the endpoint's own idleTimeoutSeconds wins over the server's");
    }

    @Test
    void anEndpointsKeysOverrideTheServersForThatEndpointOnly() {
        WebSocketServer.Builder builder = builder(Map.of(
                "wsconnector.server.max-message-size", "1024",
                "wsconnector.server.allowed-origins", "https://a.example",
                "wsconnector.server.endpoints./rooms/{room}.max-message-size", "2048",
                "wsconnector.server.endpoints./rooms/{room}.idle-timeout", "3s",
                "wsconnector.server.endpoints./rooms/{room}.allowed-origins", "https://c.example"));

        RouteSettings rooms = settingsOf(builder, ROOMS);
        assertEquals(2048, rooms.limits().maxMessageSize());
        assertEquals(Duration.ofSeconds(3), rooms.idleTimeout(), "configured for the endpoint: wins over its own 7 s");
        assertEquals(Set.of("https://c.example"), rooms.allowedOrigins(), "replaces the server's list");
        RouteSettings echo = settingsOf(builder, ECHO);
        assertEquals(1024, echo.limits().maxMessageSize());
        assertEquals(Set.of("https://a.example"), echo.allowedOrigins());
    }

    @Test
    void anEndpointsMessageLimitIsEnforcedOnItsConnectionsOnly() throws Exception {
        server = builder(Map.of(
                "wsconnector.server.max-message-size", "64KiB",
                "wsconnector.server.endpoints./echo.max-message-size", "1KiB")).build().start();
        String twoKiB = "x".repeat(2048);

        JdkClient rooms = JdkClient.connect(TestServers.uri(server, "/rooms/lobby"));
        assertEquals(twoKiB, rooms.send(twoKiB).awaitText());
        JdkClient echo = JdkClient.connect(TestServers.uri(server, "/echo"));
        echo.send(twoKiB);
        echo.awaitClose(CloseCodes.MESSAGE_TOO_BIG);
    }

    @Test
    void hostPortAndDiscoveryComeFromConfigurationAndLaterCallsWin() {
        server = WebSocketServer.builder()
                .addEndpoint(ECHO)
                .config(config(Map.of(
                        "wsconnector.server.host", "127.0.0.1",
                        "wsconnector.server.port", "1",
                        "wsconnector.server.discover-endpoints", "false")))
                .port(0)
                .build()
                .start();

        assertTrue(server.port() > 1);
        assertEquals(List.of("/echo"), server.endpointUris().stream().map(uri -> uri.getPath()).toList());
        assertTrue(server.endpointUris().get(0).toString().startsWith("ws://127.0.0.1:"));
    }

    @Test
    void aMissingNodeChangesNothing() {
        WebSocketServer.Builder builder = builder(Map.of("other.key", "1"));

        assertEquals(WebSocketServer.DEFAULT_MAX_MESSAGE_SIZE, settingsOf(builder, ECHO).limits().maxMessageSize());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "port                 | http         | \"http\" is not a whole number",
            "port                 | 70000        | port must be between 0 and 65535",
            "max-message-size     | 0            | maxMessageSize must be at least 1 byte",
            "max-message-size     | lots         | is not a size in bytes",
            "max-message-size     | 4GiB         | is more than 2147483647 bytes",
            "idle-timeout         | soon         | is not a duration",
            "close-timeout        | 0s           | closeTimeout must be positive",
            "slow-consumer-policy | panic        | is not one of [CLOSE, DROP_NEWEST, DROP_OLDEST]",
            "discover-endpoints   | maybe        | is neither true nor false",
            "endpoints./echo.send-queue-limit | -1 | is not a size in bytes",
    })
    void aBadValueIsRefusedByItsFullKey(String key, String value, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder(Map.of("wsconnector.server." + key, value)));

        assertTrue(e.getMessage().startsWith("Configuration key wsconnector.server." + key + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void anUnknownKeyIsRefusedByItsFullKeyWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder(Map.of("wsconnector.server.max-mesage-size", "1")));

        assertTrue(e.getMessage().startsWith("Unknown configuration key wsconnector.server.max-mesage-size; the keys "
                + "under wsconnector.server are [host, port, tls, "), e.getMessage());
    }

    @Test
    void aServerKeyCannotBeSetForOneEndpoint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder(Map.of("wsconnector.server.endpoints./echo.port", "1")));

        assertTrue(e.getMessage().startsWith("Unknown configuration key wsconnector.server.endpoints./echo.port; the "
                + "keys an endpoint can override are [max-message-size, "), e.getMessage());
    }

    @Test
    void compressionIsConfiguredForTheServerAndForOneEndpoint() {
        WebSocketServer.Builder builder = builder(Map.of(
                "wsconnector.server.compression.level", "9",
                "wsconnector.server.compression.threshold", "1KiB",
                "wsconnector.server.endpoints./rooms/{room}.compression.enabled", "false"));

        Compression echo = builder.endpointSettings(ECHO.path(), "test").compression(builder.defaults()).compression();
        assertEquals(9, echo.level());
        assertEquals(1024, echo.threshold());
        assertEquals(false, builder.endpointSettings(ROOMS.path(), "test").compression(builder.defaults())
                .compression().enabled());
    }

    @Test
    void aBadCompressionKeyIsRefusedByTheCompressionKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder(Map.of("wsconnector.server.compression.levle", "9")));

        assertEquals("Configuration key wsconnector.server.compression: unknown key levle; the keys are [enabled, "
                + "server-no-context-takeover, client-no-context-takeover, server-max-window-bits, level, threshold]",
                e.getMessage());
    }

    @Test
    void compressionForAPathNoEndpointHasFailsTheBuild() {
        WebSocketServer.Builder builder =
                TestServers.builder(b -> b.compression("/nope", Compression.disabled()), ECHO);

        IllegalStateException e = assertThrows(IllegalStateException.class, builder::build);
        assertEquals("compression(\"/nope\", ...) names no endpoint; the endpoints' paths are [/echo]", e.getMessage());
    }

    @Test
    void aClusterUriWithoutAClusterModuleFailsTheBuildNamingTheKey() {
        WebSocketServer.Builder builder = builder(Map.of("wsconnector.server.cluster", "nats://localhost:4222"));

        IllegalStateException e = assertThrows(IllegalStateException.class, builder::build);
        assertTrue(e.getMessage().startsWith("The configuration key cluster is nats://localhost:4222, but no cluster "
                + "module on the class path handles nats://"), e.getMessage());
    }

    @Test
    void settingsForAPathNoEndpointHasFailTheBuild() {
        WebSocketServer.Builder builder = builder(Map.of("wsconnector.server.endpoints./ehco.max-message-size", "1"));

        IllegalStateException e = assertThrows(IllegalStateException.class, builder::build);
        assertEquals("Configuration key wsconnector.server.endpoints./ehco names no endpoint; the endpoints' paths "
                + "are [/echo, /rooms/{room}]", e.getMessage());
    }

    @Test
    void environmentVariablesSpellKeysWithUnderscoresAndDashes() {
        Config environment = Config.just(ConfigSources.create(EnvironmentVariables.expand(Map.of(
                "WSCONNECTOR_SERVER_MAX_dash_MESSAGE_dash_SIZE", "2048",
                "WSCONNECTOR_SERVER_SLOW_dash_CONSUMER_dash_POLICY", "DROP_NEWEST"))));
        WebSocketServer.Builder builder =
                TestServers.builder(b -> b.config(environment.get("wsconnector.server")), ECHO);

        assertEquals(2048, settingsOf(builder, ECHO).limits().maxMessageSize());
        assertEquals(SlowConsumerPolicy.DROP_NEWEST, settingsOf(builder, ECHO).limits().sendQueue().policy());
    }

    @Test
    void anEnvironmentVariableWithoutDashesIsRefusedWithTheSpellingThatWorks() {
        Config environment = Config.just(ConfigSources.create(EnvironmentVariables.expand(Map.of(
                "WSCONNECTOR_SERVER_MAX_MESSAGE_SIZE", "2048"))));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestServers.builder(b -> b.config(environment.get("wsconnector.server")), ECHO));
        assertTrue(e.getMessage().startsWith("Unknown configuration key wsconnector.server.max;"), e.getMessage());
        assertTrue(e.getMessage().endsWith("e.g. MAX_dash_MESSAGE_dash_SIZE)"), e.getMessage());
    }

    /** Echoes text. */
    private static final class Echo implements WebSocketDispatcher {
        @Override
        public CompletionStage<?> onTextMessage(WebSocketSession session, String message) {
            session.sendText(message);
            return null;
        }
    }
}
