package io.wsconnector.sample.echo;

import java.net.URI;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;

import io.wsconnector.runtime.WebSocketServer;
import io.wsconnector.testsupport.JdkClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WebSocketEchoServerTest {
    private static WebSocketServer server;

    @BeforeAll
    static void start() {
        server = WebSocketServer.builder().host("127.0.0.1").port(0)
                .maxMessageSize(WebSocketEchoServer.MAX_MESSAGE_SIZE).build().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void discoversTheEchoEndpointAtTestWebsocket() {
        assertEquals(List.of(URI.create("ws://127.0.0.1:" + server.port() + "/test/websocket")), server.endpointUris());
    }

    @Test
    void echoesEachTextMessage() throws Exception {
        try (JdkClient client = JdkClient.connect(server.endpointUris().get(0))) {
            assertEquals("hello", client.send("hello").awaitText());
            assertEquals("", client.send("").awaitText());
            assertEquals("grüße, 世界 👋", client.send("grüße, 世界 👋").awaitText());
        }
    }

    @Test
    void echoesEachBinaryMessageUpTo16MiB() throws Exception {
        byte[] large = new byte[WebSocketEchoServer.MAX_MESSAGE_SIZE];
        new Random(42).nextBytes(large);
        try (JdkClient client = JdkClient.connect(server.endpointUris().get(0))) {
            assertArrayEquals(new byte[] {1, 2, 3}, client.sendBinary(new byte[] {1, 2, 3}).awaitBinary());
            assertArrayEquals(new byte[0], client.sendBinary(new byte[0]).awaitBinary());
            assertArrayEquals(large, client.sendBinary(large).awaitBinary());
        }
    }

    @Test
    void portIsReadFromTheCommandLine() {
        assertEquals(OptionalInt.empty(), WebSocketEchoServer.port(new String[0]));
        assertEquals(OptionalInt.of(1234), WebSocketEchoServer.port(new String[] {"--port", "1234"}));
        assertEquals(OptionalInt.of(0), WebSocketEchoServer.port(new String[] {"--port=0"}));
        assertThrows(IllegalArgumentException.class, () -> WebSocketEchoServer.port(new String[] {"--port", "x"}));
        assertThrows(IllegalArgumentException.class, () -> WebSocketEchoServer.port(new String[] {"--port", "70000"}));
        assertThrows(IllegalArgumentException.class, () -> WebSocketEchoServer.port(new String[] {"--verbose"}));
    }
}
