package io.wsconnector.tests.messages;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.wsconnector.testing.WebSocketServerExtension;
import io.wsconnector.tests.Conformance;
import io.wsconnector.tests.Recorder;
import io.wsconnector.testsupport.JdkClient;
import io.wsconnector.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replies by return value over real sockets: {@code CompletionStage<String>} and {@code CompletionStage<byte[]>}
 * (and {@code CompletableFuture<ByteBuffer>}) are sent when they complete, without holding up the connection;
 * a {@code ByteBuffer} reply sends its remaining bytes; binary messages sent in fragments arrive whole, under the
 * same size limit as text.
 */
@Timeout(60)
class AsyncReplyTest {
    private static final int MAX_MESSAGE_SIZE = 64 * 1024;

    private static volatile Recorder recorder = new Recorder();
    private static final BlockingQueue<CompletableFuture<String>> HELD = new LinkedBlockingQueue<>();

    @RegisterExtension
    static final WebSocketServerExtension SERVER = WebSocketServerExtension.serving(
                    new AsyncEndpoint_WebSocketEndpoint(() -> new AsyncEndpoint(recorder, HELD)),
                    new BufferEndpoint_WebSocketEndpoint(),
                    new AsyncBufferEndpoint_WebSocketEndpoint())
            .configure(builder -> builder.maxMessageSize(MAX_MESSAGE_SIZE));

    @BeforeEach
    void newRecorder() {
        recorder = new Recorder();
        HELD.clear();
    }

    private static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        for (int i = 0; i < count; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    private static byte[] reversed(byte[] bytes) {
        byte[] reversed = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            reversed[i] = bytes[bytes.length - 1 - i];
        }
        return reversed;
    }

    @Test
    void aCompletedCompletionStageOfStringIsSent() throws Exception {
        JdkClient client = SERVER.clients().connect("/async");

        assertEquals("HELLO", client.send("hello").awaitText());
        client.close(1000, "");
    }

    @Test
    void aPendingStageIsSentWhenItCompletesAndDoesNotHoldUpLaterMessages() throws Exception {
        JdkClient client = SERVER.clients().connect("/async");

        client.send("hold:first");
        CompletableFuture<String> held = HELD.poll(10, TimeUnit.SECONDS);
        assertNotNull(held, "the handler did not return its stage");
        assertEquals("SECOND", client.send("second").awaitText(), "the pending stage holds nothing up");
        client.assertNothingPending();

        held.complete("first, later");

        assertEquals("first, later", client.awaitText());
        client.close(1000, "");
    }

    @Test
    void aStageCompletedWithNullSendsNothing() throws Exception {
        JdkClient client = SERVER.clients().connect("/async");

        client.send(AsyncEndpoint.NULL);

        assertEquals("NEXT", client.send("next").awaitText(), "nothing came before the next reply");
        assertEquals(List.of(Recorder.Call.of("OnTextMessage", AsyncEndpoint.NULL), Recorder.Call.of("OnTextMessage", "next")),
                recorder.all(Recorder.Call.class));
        client.close(1000, "");
    }

    @Test
    void aCompletionStageOfByteArrayIsSent() throws Exception {
        JdkClient client = SERVER.clients().connect("/async");
        byte[] message = bytes(300);

        client.sendBinary(message);

        Object reply = client.awaitEvent();
        assertTrue(reply instanceof byte[], () -> "expected binary, got " + reply);
        assertArrayEquals(reversed(message), (byte[]) reply);
        client.close(1000, "");
    }

    @Test
    void aBinaryMessageInFragmentsArrivesWholeOnce() throws Exception {
        byte[] message = bytes(5000);
        try (RawWebSocketClient client = SERVER.clients().raw("/async")) {
            client.sendFragmented(RawWebSocketClient.BINARY, message, 100);

            RawWebSocketClient.Frame reply = client.readFrame();
            assertEquals(RawWebSocketClient.BINARY, reply.opcode(), reply::toString);
            assertTrue(reply.fin());
            assertArrayEquals(reversed(message), reply.payload());
        }
        assertEquals(List.of(Recorder.Call.of("OnBinaryMessage", 5000)), recorder.all(Recorder.Call.class));
    }

    @Test
    void aBinaryMessageOverTheLimitClosesWith1009WithoutCallingTheHandler() throws Exception {
        try (RawWebSocketClient client = SERVER.clients().raw("/async")) {
            client.sendFragmented(RawWebSocketClient.BINARY, bytes(MAX_MESSAGE_SIZE + 1), 4096);

            Conformance.assertFailedWith(client, 1009);
        }
        try (RawWebSocketClient client = SERVER.clients().raw("/async")) {
            assertEquals("AFTER", client.sendText("after").readText());
        }
        assertEquals(List.of(Recorder.Call.of("OnTextMessage", "after")), recorder.all(Recorder.Call.class),
                "@OnBinaryMessage never ran");
    }

    @Test
    void aByteBufferReplySendsItsRemainingBytes() throws Exception {
        assertOkReply("/buffers");
    }

    @Test
    void aCompletableFutureOfByteBufferSendsItsRemainingBytes() throws Exception {
        assertOkReply("/async-buffers");
    }

    private static void assertOkReply(String path) throws Exception {
        byte[] message = "payload".getBytes(StandardCharsets.US_ASCII);
        try (RawWebSocketClient client = SERVER.clients().raw(path)) {
            client.sendFrame(true, RawWebSocketClient.BINARY, message);

            RawWebSocketClient.Frame reply = client.readFrame();
            assertEquals(RawWebSocketClient.BINARY, reply.opcode(), reply::toString);
            assertEquals("ok:payload", new String(reply.payload(), StandardCharsets.US_ASCII));
        }
    }
}
