package io.wsconnector.tests.lifecycle;

import java.util.List;

import io.wsconnector.testing.WebSocketServerExtension;
import io.wsconnector.tests.EchoEndpoint;
import io.wsconnector.tests.EchoEndpoint_WebSocketEndpoint;
import io.wsconnector.tests.Recorder;
import io.wsconnector.testsupport.JdkClient;
import io.wsconnector.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pings, and data an endpoint does not take. */
@Timeout(60)
class ProtocolTest {
    private static volatile Recorder recorder = new Recorder();

    @RegisterExtension
    static final WebSocketServerExtension SERVER = WebSocketServerExtension.serving(
                    new EchoEndpoint_WebSocketEndpoint(() -> new EchoEndpoint(recorder)),
                    new OpenOnlyEndpoint_WebSocketEndpoint(() -> new OpenOnlyEndpoint(recorder)));

    @BeforeEach
    void newRecorder() {
        recorder = new Recorder();
    }

    @Test
    void aPingIsAnsweredWithAPongWithTheSamePayload() throws Exception {
        byte[] payload = {0, 1, 2, (byte) 0x7F, (byte) 0x80, (byte) 0xFE, (byte) 0xFF, 'p', 'i', 'n', 'g'};
        try (RawWebSocketClient client = SERVER.clients().raw("/test/echo")) {
            client.sendFrame(true, RawWebSocketClient.PING, payload);

            RawWebSocketClient.Frame pong = client.readFrame();
            assertEquals(RawWebSocketClient.PONG, pong.opcode(), pong::toString);
            assertTrue(pong.fin());
            assertArrayEquals(payload, pong.payload());
            // the connection is still usable
            client.sendText("after ping");
            assertEquals("after ping", client.readText());
        }
    }

    @Test
    void pingsWithEmptyAndMaximalPayloadsAreAnsweredInOrder() throws Exception {
        byte[] maximal = new byte[125];
        for (int i = 0; i < maximal.length; i++) {
            maximal[i] = (byte) (i * 7);
        }
        try (RawWebSocketClient client = SERVER.clients().raw("/test/echo")) {
            client.sendFrame(true, RawWebSocketClient.PING, new byte[0]);
            client.sendFrame(true, RawWebSocketClient.PING, maximal);
            client.sendFrame(true, RawWebSocketClient.PING, "third");

            RawWebSocketClient.Frame first = client.readFrame();
            assertEquals(RawWebSocketClient.PONG, first.opcode(), first::toString);
            assertArrayEquals(new byte[0], first.payload());
            RawWebSocketClient.Frame second = client.readFrame();
            assertEquals(RawWebSocketClient.PONG, second.opcode(), second::toString);
            assertArrayEquals(maximal, second.payload());
            RawWebSocketClient.Frame third = client.readFrame();
            assertEquals(RawWebSocketClient.PONG, third.opcode(), third::toString);
            assertEquals("third", third.text());
        }
    }

    @Test
    void aBinaryMessageToAnEndpointWithoutBinaryHandlerCloses1003() throws Exception {
        JdkClient client = SERVER.clients().connect("/test/echo");

        client.sendBinary(new byte[] {1, 2, 3});

        assertEquals(1003, client.awaitClose().statusCode());
        assertTrue(recorder.all(Recorder.Message.class).isEmpty(), () -> "handled: " + recorder.all());
    }

    @Test
    void aFragmentedBinaryMessageCloses1003Once() throws Exception {
        try (RawWebSocketClient client = SERVER.clients().raw("/test/echo")) {
            client.sendFrame(false, RawWebSocketClient.BINARY, new byte[] {1, 2});
            client.sendFrame(false, RawWebSocketClient.CONTINUATION, new byte[] {3, 4});
            client.sendFrame(true, RawWebSocketClient.CONTINUATION, new byte[] {5, 6});

            RawWebSocketClient.Frame close = client.readClose();
            assertEquals(1003, close.closeCode(), close::toString);
            client.sendClose(1003, "");
            assertEquals(List.of(), client.readFramesUntilEndOfStream(), "nothing after the close frame");
        }
    }

    @Test
    void aTextMessageToAnEndpointWithOnlyOnOpenCloses1003() throws Exception {
        JdkClient client = SERVER.clients().connect("/open-only");
        recorder.next(Recorder.Opened.class);

        client.send("anybody there?");

        assertEquals(1003, client.awaitClose().statusCode());
    }
}
