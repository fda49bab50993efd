package io.wsconnector.tests.broadcast;

import io.wsconnector.runtime.TestServers;
import io.wsconnector.runtime.WebSocketServer;
import io.wsconnector.testsupport.Await;
import io.wsconnector.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code @OnTextMessage(broadcast = true)} and {@code @OnBinaryMessage(broadcast = true)}, generated code over sockets. */
@Timeout(60)
class BroadcastReplyTest {
    private WebSocketServer server;
    private RawWebSocketClient sender;
    private RawWebSocketClient listener;

    @BeforeEach
    void connectTwoClients() throws Exception {
        server = TestServers.start(new ShoutEndpoint_WebSocketEndpoint());
        sender = RawWebSocketClient.connect(server.port(), "/shout");
        listener = RawWebSocketClient.connect(server.port(), "/shout");
        Await.until("both sessions to open", Await.TIMEOUT, () -> server.sessions(ShoutEndpoint.class).count() == 2);
    }

    @AfterEach
    void stop() throws Exception {
        sender.close();
        listener.close();
        TestServers.stop(server);
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
