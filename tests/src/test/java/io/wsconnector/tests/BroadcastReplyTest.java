package io.wsconnector.tests;

import java.util.concurrent.TimeUnit;

import io.wsconnector.runtime.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code @OnTextMessage(broadcast = true)} and {@code @OnBinaryMessage(broadcast = true)}, generated code over sockets. */
@Timeout(60)
class BroadcastReplyTest {
    private WebSocketServer server;
    private RawWebSocketClient sender;
    private RawWebSocketClient listener;

    @BeforeEach
    void connectTwoClients() throws Exception {
        server = Servers.start(new ShoutEndpoint_WebSocketEndpoint());
        sender = RawWebSocketClient.connect(server.port(), "/shout");
        listener = RawWebSocketClient.connect(server.port(), "/shout");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.sessions(ShoutEndpoint.class).count() < 2) {
            assertTrue(System.nanoTime() < deadline, "both sessions must open");
            Thread.sleep(5);
        }
    }

    @AfterEach
    void stop() throws Exception {
        sender.close();
        listener.close();
        Servers.stop(server);
    }

    @Test
    void aReturnedTextGoesToEverySessionTheSenderIncluded() throws Exception {
        sender.sendText("hello");
        assertEquals("HELLO", sender.readText());
        assertEquals("HELLO", listener.readText());
    }

    @Test
    void aStageIsBroadcastWhenItCompletesAndNullBroadcastsNothing() throws Exception {
        sender.sendText("quiet");
        sender.sendText("later:done");
        assertEquals("DONE", sender.readText(), "nothing was broadcast for the null result");
        assertEquals("DONE", listener.readText());
    }

    @Test
    void aReturnedByteBufferGoesToEverySession() throws Exception {
        sender.sendFrame(true, RawWebSocketClient.BINARY, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {3, 2, 1}, sender.readFrame().payload());
        assertArrayEquals(new byte[] {3, 2, 1}, listener.readFrame().payload());
    }
}
