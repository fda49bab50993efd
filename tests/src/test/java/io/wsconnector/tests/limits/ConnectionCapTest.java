package io.wsconnector.tests.limits;

import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.wsconnector.runtime.TestServers;
import io.wsconnector.runtime.WebSocketServer;
import io.wsconnector.tests.EchoEndpoint_WebSocketEndpoint;
import io.wsconnector.testsupport.LogCapture;
import io.wsconnector.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * At its connection cap the server accepts no more connections (issue 11, finding 1): they wait in the
 * operating system's queue of connections not yet accepted, and are served in turn as connections close.
 * Reaching the cap is logged once, not once per connection.
 */
@Timeout(120)
class ConnectionCapTest {
    private static final int CAP = 3;

    private WebSocketServer server;

    @AfterEach
    void stopServer() {
        TestServers.stop(server);
    }

    @Test
    void aConnectionOverTheCapWaitsUntilAnotherClosesAndTheCapIsLoggedOnce() throws Exception {
        try (LogCapture log = new LogCapture("io.wsconnector")) {
            server = TestServers.start(builder -> builder.maxConnections(CAP), new EchoEndpoint_WebSocketEndpoint());
            List<RawWebSocketClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < CAP; i++) {
                    clients.add(RawWebSocketClient.connect(server.port(), "/test/echo"));
                }
                try (RawWebSocketClient waiting = RawWebSocketClient.open(server.port());
                     RawWebSocketClient another = RawWebSocketClient.open(server.port())) {
                    String request = RawWebSocketClient.handshakeRequest(server.port(), "/test/echo",
                            RawWebSocketClient.newKey());
                    waiting.readTimeout(1_000);
                    assertThrows(SocketTimeoutException.class, () -> waiting.request(request),
                            "a connection over the cap was served");
                    another.writeRaw(request.getBytes(StandardCharsets.US_ASCII));

                    clients.removeFirst().close();
                    waiting.readTimeout(30_000);
                    assertEquals(101, waiting.readResponse().status(), "served once a connection closed");
                    clients.removeFirst().close();
                    another.readTimeout(30_000);
                    assertEquals(101, another.readResponse().status(), "served once a connection closed");
                }
            } finally {
                for (RawWebSocketClient client : clients) {
                    client.close();
                }
            }
            List<String> capLines = log.messagesContaining("connection cap");
            assertEquals(1, capLines.size(), () -> "the cap is logged once: " + capLines);
            assertTrue(capLines.getFirst().contains(String.valueOf(CAP)), capLines::getFirst);
        }
    }
}
