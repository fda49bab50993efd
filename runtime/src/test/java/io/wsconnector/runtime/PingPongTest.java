package io.wsconnector.runtime;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;

import io.wsconnector.runtime.spi.WebSocketDispatcher;
import io.wsconnector.testsupport.JdkClient;
import io.wsconnector.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Pings and pongs reach the endpoint: the client's pings after the automatic pong, pongs to its own pings. */
@Timeout(60)
class PingPongTest {
    private static final Events EVENTS = new Events();
    private static WebSocketServer server;

    @BeforeAll
    static void startServer() {
        server = TestServers.start(TestEndpoint.at("/ping", PingDispatcher::new));
    }

    @AfterAll
    static void stopServer() {
        TestServers.stop(server);
    }

    @BeforeEach
    void forgetEarlierEvents() {
        EVENTS.clear();
    }

    /** "ping:x" sends a ping with payload x; reports pings (with a message too) and pongs. */
    private static final class PingDispatcher implements WebSocketDispatcher {
        @Override
        public CompletionStage<?> onTextMessage(WebSocketSession session, String message) {
            if (message.startsWith("ping:")) {
                session.sendPing(message.substring(5).getBytes(StandardCharsets.UTF_8));
            } else if (message.equals("too-long")) {
                try {
                    session.sendPing(new byte[126]);
                    EVENTS.add("sent 126 bytes");
                } catch (IllegalArgumentException e) {
                    EVENTS.add("refused 126 bytes");
                }
                session.sendPing(new byte[125]);
                EVENTS.add("sent 125 bytes");
            }
            return null;
        }

        @Override
        public void onPing(WebSocketSession session, byte[] payload) {
            String text = new String(payload, StandardCharsets.UTF_8);
            EVENTS.add("ping:" + text);
            payload[0] = 'X'; // the endpoint's own copy
            session.sendText("saw ping " + text);
        }

        @Override
        public void onPong(WebSocketSession session, byte[] payload) {
            EVENTS.add("pong:" + new String(payload, StandardCharsets.UTF_8));
        }
    }

    @Test
    void sendPingReachesTheClientAndItsPongReachesOnPong() throws Exception {
        JdkClient client = JdkClient.connect(TestServers.uri(server, "/ping"));
        client.send("ping:are you there");

        EVENTS.expect("pong:are you there"); // the JDK client answers pings by itself
        client.close(1000, "");
    }

    @Test
    void aPingFromTheServerCarriesThePayload() throws Exception {
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.port(), "/ping")) {
            client.sendText("ping:abc");
            RawWebSocketClient.Frame ping = client.readFrame();
            assertEquals(RawWebSocketClient.PING, ping.opcode(), ping::toString);
            assertEquals("abc", ping.text());

            client.sendFrame(true, RawWebSocketClient.PONG, "abc");
            EVENTS.expect("pong:abc");
        }
    }

    @Test
    void theRuntimeAnswersAPingBeforeOnPingRuns() throws Exception {
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.port(), "/ping")) {
            client.sendFrame(true, RawWebSocketClient.PING, "p1");

            RawWebSocketClient.Frame first = client.readFrame();
            assertEquals(RawWebSocketClient.PONG, first.opcode(), first::toString);
            assertEquals("p1", first.text(), "the pong carries the ping's payload, untouched by the endpoint");
            assertEquals("saw ping p1", client.readText());
            EVENTS.expect("ping:p1");
        }
    }

    @Test
    void anUnsolicitedPongReachesOnPong() throws Exception {
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.port(), "/ping")) {
            client.sendFrame(true, RawWebSocketClient.PONG, "heartbeat");
            EVENTS.expect("pong:heartbeat");
            client.sendFrame(true, RawWebSocketClient.PONG, new byte[0]);
            EVENTS.expect("pong:");
        }
    }

    @Test
    void aPingPayloadOver125BytesIsRefused() throws Exception {
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.port(), "/ping")) {
            client.sendText("too-long");
            EVENTS.expect("refused 126 bytes");
            EVENTS.expect("sent 125 bytes");
            RawWebSocketClient.Frame ping = client.readFrame();
            assertEquals(RawWebSocketClient.PING, ping.opcode(), ping::toString);
            assertEquals(125, ping.payload().length);
        }
    }
}
