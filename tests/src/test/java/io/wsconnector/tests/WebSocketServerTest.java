package io.wsconnector.tests;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;

import io.wsconnector.runtime.TestServers;
import io.wsconnector.runtime.WebSocketServer;
import io.wsconnector.runtime.spi.WebSocketEndpoint;
import io.wsconnector.testsupport.JdkClient;
import io.wsconnector.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Building, starting and stopping the server, discovery, and HTTP requests that are not WebSockets. */
@Timeout(60)
class WebSocketServerTest {
    /** Every endpoint class of this module, as the processor should have registered them. */
    private static final Set<String> GENERATED_PATHS = Set.of("/test/echo", "/session-echo", "/test/lifecycle",
            "/no-argument-close", "/open-only", "/failing-open", "/fault",
            "/guarded", "/rooms/{room}/{userId}", "/typed/{text}/{number}/{big}/{flag}/{id}/{color}", "/params",
            "/protocols", "/origins", "/any-origin", "/errors", "/async", "/buffers", "/async-buffers", "/heartbeat",
            "/idle/{name}", "/idle-close", "/broadcast", "/room-members", "/churn", "/handoff", "/shout", "/game",
            "/lenient-game", "/metered/{room}", "/large-echo", "/repeat", "/plot", "/late-flood");

    private final List<WebSocketServer> servers = new ArrayList<>();
    private final Recorder recorder = new Recorder();

    @AfterEach
    void stopServers() {
        servers.forEach(TestServers::stop);
    }

    private WebSocketServer started(WebSocketServer server) {
        servers.add(server);
        return server;
    }

    @Test
    void portZeroBindsAFreePortThatPortReturns() throws Exception {
        WebSocketServer server = started(TestServers.start(new EchoEndpoint_WebSocketEndpoint()));

        assertTrue(server.isRunning());
        int port = server.port();
        assertTrue(port > 0 && port <= 65535, "port " + port);
        try (RawWebSocketClient client = RawWebSocketClient.connect(port, "/test/echo")) {
            assertEquals("on port " + port, client.sendText("on port " + port).readText());
        }
    }

    @Test
    void endpointUrisListEveryEndpointWithTheBoundHostAndPortInPathOrder() {
        WebSocketServer server = started(TestServers.start(
                new LifecycleEndpoint_WebSocketEndpoint(),
                new SessionEchoEndpoint_WebSocketEndpoint(),
                new EchoEndpoint_WebSocketEndpoint()));
        int port = server.port();

        assertEquals(List.of(
                URI.create("ws://127.0.0.1:" + port + "/session-echo"),
                URI.create("ws://127.0.0.1:" + port + "/test/echo"),
                URI.create("ws://127.0.0.1:" + port + "/test/lifecycle")), server.endpointUris());
    }

    @Test
    void startOnAPortInUseThrowsIllegalStateExceptionNamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = taken.getLocalPort();
            WebSocketServer server = WebSocketServer.builder()
                    .host("127.0.0.1")
                    .port(port)
                    .discoverEndpoints(false)
                    .addEndpoint(new EchoEndpoint_WebSocketEndpoint())
                    .build();
            servers.add(server);

            IllegalStateException thrown = assertThrows(IllegalStateException.class, server::start);

            String message = thrown.getMessage();
            assertTrue(message.contains("127.0.0.1:" + port), () -> "the message should name the address: " + message);
            assertTrue(message.contains("in use"), () -> "the message should suggest the cause: " + message);
            assertFalse(server.isRunning());
        }
    }

    @Test
    void buildWithoutAnyEndpointThrowsIllegalStateException() {
        WebSocketServer.Builder builder = WebSocketServer.builder().port(0).discoverEndpoints(false);

        IllegalStateException thrown = assertThrows(IllegalStateException.class, builder::build);
        assertTrue(thrown.getMessage().contains("No WebSocket endpoint"), thrown::getMessage);
    }

    @Test
    void addingTwoEndpointsWithTheSamePathThrowsIllegalArgumentException() {
        WebSocketServer.Builder builder = WebSocketServer.builder()
                .addEndpoint(new EchoEndpoint_WebSocketEndpoint());

        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> builder.addEndpoint(new EchoEndpoint_WebSocketEndpoint()));
        assertTrue(thrown.getMessage().contains("/test/echo"), thrown::getMessage);
    }

    @Test
    void builderRejectsInvalidSettings() {
        WebSocketServer.Builder builder = WebSocketServer.builder();

        assertThrows(IllegalArgumentException.class, () -> builder.port(-1));
        assertThrows(IllegalArgumentException.class, () -> builder.port(65536));
        assertThrows(IllegalArgumentException.class, () -> builder.maxMessageSize(0));
        assertThrows(NullPointerException.class, () -> builder.host(null));
        assertThrows(NullPointerException.class, () -> builder.addEndpoint(null));
    }

    @Test
    void stopClosesTheListener() throws Exception {
        WebSocketServer server = started(TestServers.start(new EchoEndpoint_WebSocketEndpoint()));
        int port = server.port();
        try (Socket before = new Socket("127.0.0.1", port)) {
            assertTrue(before.isConnected());
        }

        server.stop();

        assertFalse(server.isRunning());
        assertThrows(IOException.class, () -> {
            try (Socket after = new Socket()) {
                after.connect(new InetSocketAddress("127.0.0.1", port), RawWebSocketClient.TIMEOUT_MILLIS);
            }
        });
    }

    @Test
    void stopEndsOpenConnections() throws Exception {
        WebSocketServer server = started(TestServers.start(new EchoEndpoint_WebSocketEndpoint()));
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.port(), "/test/echo")) {
            assertEquals("hello", client.sendText("hello").readText());

            server.stop();

            assertTrue(client.awaitEndOfStream(), "the connection should end when the server stops");
        }
    }

    @Test
    void serviceLoaderFindsEveryGeneratedEndpoint() {
        Set<String> paths = new TreeSet<>();
        Set<String> classes = new TreeSet<>();
        for (WebSocketEndpoint endpoint : ServiceLoader.load(WebSocketEndpoint.class)) {
            paths.add(endpoint.path());
            classes.add(endpoint.endpointClassName());
        }

        assertEquals(new TreeSet<>(GENERATED_PATHS), paths);
        assertTrue(classes.contains(EchoEndpoint.class.getName()), classes::toString);
        assertTrue(classes.contains(LifecycleEndpoint.class.getName()), classes::toString);
        assertTrue(classes.contains(RoomEndpoint.class.getName()), classes::toString);
    }

    @Test
    void discoveredEndpointsKeepTheirSettingsAndTemplates() throws Exception {
        WebSocketServer server = started(WebSocketServer.builder()
                .host("127.0.0.1")
                .port(0)
                .build()
                .start());

        try (RawWebSocketClient room = RawWebSocketClient.connect(server.port(), "/rooms/discovered/5")) {
            assertEquals("discovered/5: hi", room.sendText("hi").readText());
        }
        try (RawWebSocketClient protocols = RawWebSocketClient.connect(server.port(), "/protocols",
                "Sec-WebSocket-Protocol: chat.v1")) {
            assertEquals("chat.v1", protocols.handshakeResponse().headers().get("sec-websocket-protocol"));
        }
        try (RawWebSocketClient origins = RawWebSocketClient.connect(server.port(), "/origins",
                "Origin: " + OriginsEndpoint.APP)) {
            assertEquals("origin", origins.sendText("origin").readText());
        }
        assertEquals(401, RawWebSocketClient.refused(server.port(), "/guarded").status());
    }

    @Test
    void theServerDiscoversAndServesTheGeneratedEndpoints() throws Exception {
        WebSocketServer server = started(WebSocketServer.builder()
                .host("127.0.0.1")
                .port(0)
                .build()
                .start());

        Set<String> served = new TreeSet<>();
        for (URI uri : server.endpointUris()) {
            assertEquals("ws://127.0.0.1:" + server.port(), uri.getScheme() + "://" + uri.getAuthority());
            served.add(uri.getPath());
        }
        assertEquals(new TreeSet<>(GENERATED_PATHS), served);
        try (HttpClient http = HttpClient.newHttpClient()) {
            JdkClient echo = JdkClient.connect(http, TestServers.uri(server, "/test/echo"));
            assertEquals("discovered", echo.send("discovered").awaitText());
            JdkClient sessionEcho = JdkClient.connect(http, TestServers.uri(server, "/session-echo"));
            assertEquals("discovered too", sessionEcho.send("discovered too").awaitText());
            echo.close(1000, "");
            sessionEcho.close(1000, "");
        }
    }

    @Test
    void anAddedEndpointReplacesTheDiscoveredOneWithTheSamePath() throws Exception {
        WebSocketServer server = started(WebSocketServer.builder()
                .host("127.0.0.1")
                .port(0)
                .addEndpoint(new EchoEndpoint_WebSocketEndpoint(() -> new EchoEndpoint(recorder)))
                .build()
                .start());
        assertEquals(GENERATED_PATHS.size(), server.endpointUris().size());

        try (RawWebSocketClient client = RawWebSocketClient.connect(server.port(), "/test/echo")) {
            assertEquals("mine", client.sendText("mine").readText());
        }
        assertEquals("mine", recorder.next(Recorder.Message.class).text(), "the added endpoint's instance served it");
    }

    @Test
    void aPlainGetOnAnUnknownPathGets404() throws Exception {
        WebSocketServer server = started(TestServers.start(new EchoEndpoint_WebSocketEndpoint()));
        try (RawWebSocketClient client = RawWebSocketClient.open(server.port())) {
            RawWebSocketClient.HttpResponse response = client.request("GET /no/such/path HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + server.port() + "\r\n"
                    + "Connection: close\r\n"
                    + "\r\n");

            assertEquals(404, response.status(), response::statusLine);
        }
    }

    @Test
    void anUpgradeOnAnUnknownPathGets404() throws Exception {
        WebSocketServer server = started(TestServers.start(new EchoEndpoint_WebSocketEndpoint()));
        try (RawWebSocketClient client = RawWebSocketClient.open(server.port())) {
            RawWebSocketClient.HttpResponse response = client.request("GET /test/echo/nope HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + server.port() + "\r\n"
                    + "Upgrade: websocket\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n"
                    + "\r\n");

            assertEquals(404, response.status(), response::statusLine);
        }
    }

    @Test
    void theJdkClientCannotConnectToAnUnknownPath() throws Exception {
        WebSocketServer server = started(TestServers.start(new EchoEndpoint_WebSocketEndpoint()));
        try (HttpClient http = HttpClient.newHttpClient()) {
            ExecutionException thrown = assertThrows(ExecutionException.class,
                    () -> JdkClient.connect(http, TestServers.uri(server, "/unknown")));
            WebSocketHandshakeException refused = assertInstanceOf(WebSocketHandshakeException.class, thrown.getCause());
            assertEquals(404, refused.getResponse().statusCode());
        }
    }
}
