package io.wsconnector.tests.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.wsconnector.runtime.TestServers;
import io.wsconnector.runtime.WebSocketServer;
import io.wsconnector.tests.LifecycleEndpoint;
import io.wsconnector.tests.LifecycleEndpoint_WebSocketEndpoint;
import io.wsconnector.tests.Recorder;
import io.wsconnector.testsupport.Await;
import io.wsconnector.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The message size limit: a message over it, whole or in fragments, closes the connection with 1009
 * without reaching {@code @OnTextMessage}; a message of exactly the limit is handled. The limit counts
 * UTF-8 bytes, not chars.
 */
@Timeout(60)
class MessageSizeLimitTest {
    private static final int LIMIT = 1024;

    private final Recorder recorder = new Recorder();
    private WebSocketServer server;

    @AfterEach
    void stopServer() {
        TestServers.stop(server);
    }

    private WebSocketServer startEcho(int limit) {
        server = TestServers.start(builder -> builder.maxMessageSize(limit),
                new LifecycleEndpoint_WebSocketEndpoint(() -> new LifecycleEndpoint(recorder)));
        return server;
    }

    private WebSocketServer startEchoWithDefaultLimit() {
        server = TestServers.start(new LifecycleEndpoint_WebSocketEndpoint(() -> new LifecycleEndpoint(recorder)));
        return server;
    }

    private RawWebSocketClient connect() throws Exception {
        RawWebSocketClient client = RawWebSocketClient.connect(server.port(), "/test/lifecycle");
        recorder.next(Recorder.Opened.class);
        return client;
    }

    private void assertClosedWith1009AndNoMessageHandled(RawWebSocketClient client) throws Exception {
        RawWebSocketClient.Frame close = client.readClose();
        assertEquals(1009, close.closeCode(), close::toString);
        try {
            client.sendClose(1009, "");
        } catch (IOException e) {
            // Helidon closes the TCP connection right after its own 1009 (single frame over the limit)
        }
        assertTrue(client.awaitEndOfStream(), "the server should end the connection after the closing handshake");
        assertTrue(recorder.all(Recorder.Message.class).isEmpty(), () -> "handled: " + recorder.all());
    }

    @Test
    void aSingleFrameOverTheDefaultLimitOfOneMebibyteCloses1009() throws Exception {
        startEchoWithDefaultLimit();
        try (RawWebSocketClient client = connect()) {
            // The server may refuse the frame as soon as it reads its length, and close the connection
            // while the payload is still being written: write from another thread, ignoring a broken pipe.
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    client.sendText("x".repeat(WebSocketServer.DEFAULT_MAX_MESSAGE_SIZE + 1));
                } catch (IOException e) {
                    // the server closed first
                }
            });
            RawWebSocketClient.Frame close = client.readClose();
            assertTrue(writer.join(Await.TIMEOUT), "writer stuck");

            assertEquals(1009, close.closeCode(), close::toString);
            assertTrue(recorder.all(Recorder.Message.class).isEmpty(), () -> "handled: " + recorder.all());
        }
    }

    @Test
    void aMessageOfExactlyTheDefaultLimitIsHandled() throws Exception {
        startEchoWithDefaultLimit();
        String message = "é".repeat(WebSocketServer.DEFAULT_MAX_MESSAGE_SIZE / 2);
        try (RawWebSocketClient client = connect()) {
            client.sendText(message);

            assertEquals(message, client.readText());
            assertEquals(message, recorder.next(Recorder.Message.class).text());
        }
    }

    @Test
    void aSingleFrameOverAConfiguredLimitCloses1009() throws Exception {
        startEcho(LIMIT);
        try (RawWebSocketClient client = connect()) {
            client.sendText("x".repeat(LIMIT + 1));

            assertClosedWith1009AndNoMessageHandled(client);
        }
    }

    @Test
    void aSingleFrameOverTheLimitInBytesButNotInCharsCloses1009() throws Exception {
        startEcho(LIMIT);
        String message = "é".repeat(LIMIT / 2 + 1); // 513 chars, 1026 bytes
        try (RawWebSocketClient client = connect()) {
            client.sendText(message);

            assertClosedWith1009AndNoMessageHandled(client);
        }
    }

    @Test
    void aFragmentedMessageOverTheLimitWithEachFragmentUnderItCloses1009() throws Exception {
        startEcho(LIMIT);
        try (RawWebSocketClient client = connect()) {
            client.sendFrame(false, RawWebSocketClient.TEXT, "a".repeat(400));
            client.sendFrame(false, RawWebSocketClient.CONTINUATION, "b".repeat(400));
            client.sendFrame(true, RawWebSocketClient.CONTINUATION, "c".repeat(400));

            assertClosedWith1009AndNoMessageHandled(client);
        }
    }

    @Test
    void aFragmentedMessageOverTheLimitInBytesButNotInCharsCloses1009() throws Exception {
        startEcho(LIMIT);
        try (RawWebSocketClient client = connect()) {
            // 3 x 200 chars = 600 chars, but 3 x 400 = 1200 bytes
            client.sendTextFragments("é".repeat(200), "é".repeat(200), "é".repeat(200));

            assertClosedWith1009AndNoMessageHandled(client);
        }
    }

    @Test
    void aSingleFrameOfExactlyTheLimitIsHandled() throws Exception {
        startEcho(LIMIT);
        String message = "x".repeat(LIMIT);
        try (RawWebSocketClient client = connect()) {
            client.sendText(message);

            assertEquals(message, client.readText());
            assertEquals(message, recorder.next(Recorder.Message.class).text());
        }
    }

    @Test
    void aFragmentedMessageOfExactlyTheLimitIsHandled() throws Exception {
        startEcho(LIMIT);
        String part = "中".repeat(170) + "ab"; // 512 bytes
        assertEquals(LIMIT, 2 * part.getBytes(StandardCharsets.UTF_8).length, "test data");
        try (RawWebSocketClient client = connect()) {
            client.sendTextFragments(part, part);

            assertEquals(part + part, client.readText());
            assertEquals(part + part, recorder.next(Recorder.Message.class).text());
        }
    }

    @Test
    void theLimitAppliesToEachMessageNotToTheConnection() throws Exception {
        startEcho(LIMIT);
        String quarter = "q".repeat(LIMIT / 4);
        try (RawWebSocketClient client = connect()) {
            for (int i = 0; i < 3; i++) {
                client.sendTextFragments(quarter, quarter, quarter, quarter);
                assertEquals(quarter.repeat(4), client.readText());
            }
            client.sendText("x".repeat(LIMIT));
            assertEquals(LIMIT, client.readText().length());
            assertEquals(4, recorder.all(Recorder.Message.class).size());
        }
    }

    @Test
    void onCloseRunsAfterTheRuntimeClosedAFragmentedMessageWith1009() throws Exception {
        startEcho(LIMIT);
        try (RawWebSocketClient client = connect()) {
            client.sendTextFragments("a".repeat(600), "b".repeat(600));
            RawWebSocketClient.Frame close = client.readClose();
            assertEquals(1009, close.closeCode(), close::toString);

            client.sendClose(1009, "");

            Recorder.Closed closed = recorder.nextOf(Recorder.Closed.class);
            assertEquals(1009, closed.statusCode());
            assertTrue(recorder.all(Recorder.Message.class).isEmpty(), () -> "handled: " + recorder.all());
        }
    }
}
