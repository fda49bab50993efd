package io.wsconnector.tests.conformance;

import java.io.IOException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import io.wsconnector.runtime.TestServers;
import io.wsconnector.runtime.WebSocketServer;
import io.wsconnector.tests.Conformance;
import io.wsconnector.tests.LifecycleEndpoint;
import io.wsconnector.tests.LifecycleEndpoint_WebSocketEndpoint;
import io.wsconnector.tests.Recorder;
import io.wsconnector.testsupport.Frames;
import io.wsconnector.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.wsconnector.tests.Conformance.END_MILLIS;
import static io.wsconnector.tests.Conformance.LIFECYCLE;
import static io.wsconnector.tests.Conformance.assertFailedWith;
import static io.wsconnector.tests.Conformance.bytes;
import static io.wsconnector.tests.Conformance.concat;
import static io.wsconnector.tests.Conformance.utf8;
import static io.wsconnector.testsupport.RawWebSocketClient.CLOSE;
import static io.wsconnector.testsupport.RawWebSocketClient.CONTINUATION;
import static io.wsconnector.testsupport.RawWebSocketClient.PING;
import static io.wsconnector.testsupport.RawWebSocketClient.TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RFC 6455, sections 5.5.1 and 7: the closing handshake — which close codes and reasons are valid, the
 * echo of the client's code, nothing sent after the server's close frame, and the end of TCP.
 */
@Timeout(60)
class CloseConformanceTest {
    private static final int FIN = 0x80;

    private static WebSocketServer server;
    /** Closes TCP soon when the client does not answer its close frame. */
    private static WebSocketServer impatientServer;
    private static volatile Recorder recorder = new Recorder();

    @BeforeAll
    static void startServers() {
        server = TestServers.start(builder -> builder.closeTimeout(Conformance.LONG_CLOSE_TIMEOUT),
                new LifecycleEndpoint_WebSocketEndpoint(() -> new LifecycleEndpoint(recorder)));
        impatientServer = TestServers.start(builder -> builder.closeTimeout(Duration.ofMillis(300)),
                new LifecycleEndpoint_WebSocketEndpoint(() -> new LifecycleEndpoint(recorder)));
    }

    @AfterAll
    static void stopServers() {
        TestServers.stop(server);
        TestServers.stop(impatientServer);
    }

    @BeforeEach
    void newRecorder() {
        recorder = new Recorder();
    }

    private static RawWebSocketClient connect() throws Exception {
        RawWebSocketClient client = RawWebSocketClient.connect(server.port(), LIFECYCLE);
        recorder.next(Recorder.Opened.class);
        return client;
    }

    private static byte[] closePayload(int code, byte[] reason) {
        return concat(bytes(code >>> 8, code), reason);
    }

    @ParameterizedTest(name = "close code {0}")
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
    void section7_4_closeWithACodeNotAllowedOnTheWireIsClosedWith1002(int code) throws Exception {
        try (RawWebSocketClient client = connect()) {
            client.sendFrame(true, CLOSE, closePayload(code, utf8("bad code")));

            assertFailedWith(client, 1002);
        }
    }

    static List<Integer> validCloseCodes() {
        return List.of(1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999);
    }

    @ParameterizedTest(name = "close code {0}")
    @MethodSource("validCloseCodes")
    void section5_5_1_validCloseCodeIsEchoedAndReachesOnClose(int code) throws Exception {
        try (RawWebSocketClient client = connect()) {
            client.sendClose(code, "reason " + code);

            RawWebSocketClient.Frame answer = client.readFrame(END_MILLIS);
            assertEquals(CLOSE, answer.opcode(), answer::toString);
            assertEquals(code, answer.closeCode(), answer::toString);
            Conformance.assertValidCloseReason(answer);
            assertEquals(List.of(), client.readFramesUntilEndOfStream(END_MILLIS), "frames after the close frame");
            Recorder.Closed closed = recorder.next(Recorder.Closed.class);
            assertEquals(code, closed.statusCode());
            assertEquals("reason " + code, closed.reason());
        }
    }

    @Test
    void section5_5_1_closeWithACodeAndNoReasonIsEchoedAndOnCloseGetsAnEmptyReason() throws Exception {
        try (RawWebSocketClient client = connect()) {
            client.sendFrame(true, CLOSE, bytes(0x0F, 0xA0)); // 4000, no reason

            RawWebSocketClient.Frame answer = client.readFrame(END_MILLIS);
            assertEquals(CLOSE, answer.opcode(), answer::toString);
            assertEquals(4000, answer.closeCode(), answer::toString);
            assertEquals(List.of(), client.readFramesUntilEndOfStream(END_MILLIS), "frames after the close frame");
            assertEquals(new Recorder.Closed(recorder.all(Recorder.Opened.class).getFirst().id(), 4000, "", false),
                    recorder.next(Recorder.Closed.class));
        }
    }

    @Test
    void section5_5_1_framesBeforeTheClientsCloseAreAnsweredBeforeTheServersCloseFrame() throws Exception {
        String large = "L".repeat(256 * 1024);
        try (RawWebSocketClient client = connect()) {
            client.writeRaw(concat(
                    Frames.encode(FIN | TEXT, true, utf8(large)),
                    Frames.encode(FIN | PING, true, utf8("ping before close")),
                    Frames.encode(FIN | CLOSE, true, closePayload(1000, new byte[0]))));

            assertEquals(large, client.readText());
            RawWebSocketClient.Frame pong = client.readFrame();
            assertEquals(RawWebSocketClient.PONG, pong.opcode(), pong::toString);
            assertEquals("ping before close", pong.text());
            RawWebSocketClient.Frame close = client.readFrame(END_MILLIS);
            assertEquals(CLOSE, close.opcode(), close::toString);
            assertEquals(1000, close.closeCode(), close::toString);
            assertEquals(List.of(), client.readFramesUntilEndOfStream(END_MILLIS), "frames after the close frame");
        }
    }

    @Test
    void section5_5_1_closeWithAOneBytePayloadIsClosedWith1002() throws Exception {
        try (RawWebSocketClient client = connect()) {
            client.sendFrame(true, CLOSE, bytes(0x03));

            assertFailedWith(client, 1002);
        }
    }

    @ParameterizedTest(name = "reason bytes {0}")
    @ValueSource(strings = {"80", "C0AF", "EDA080", "F4908080", "FF", "E282"})
    void section5_5_1_closeReasonThatIsNotUtf8IsClosedWith1002(String hexReason) throws Exception {
        byte[] reason = concat(utf8("bad "), HexFormat.of().parseHex(hexReason));
        try (RawWebSocketClient client = connect()) {
            client.sendFrame(true, CLOSE, closePayload(1000, reason));

            assertFailedWith(client, 1002);
        }
    }

    @Test
    void section5_5_1_emptyCloseIsAnsweredWithAnEmptyCloseOr1000AndOnCloseGets1005() throws Exception {
        try (RawWebSocketClient client = connect()) {
            client.sendFrame(true, CLOSE, new byte[0]);

            RawWebSocketClient.Frame answer = client.readFrame(END_MILLIS);
            assertEquals(CLOSE, answer.opcode(), answer::toString);
            assertTrue(answer.payload().length == 0 || answer.closeCode() == 1000, answer::toString);
            assertEquals(List.of(), client.readFramesUntilEndOfStream(END_MILLIS), "frames after the close frame");
            Recorder.Closed closed = recorder.next(Recorder.Closed.class);
            assertEquals(1005, closed.statusCode(), closed::toString);
            assertEquals("", closed.reason());
        }
    }

    @Test
    void section5_5_1_closeWithAMaximalReasonOf123BytesIsEchoedAndTheReasonReachesOnClose() throws Exception {
        String reason = "é".repeat(61) + "x"; // 123 bytes
        try (RawWebSocketClient client = connect()) {
            client.sendFrame(true, CLOSE, closePayload(4321, utf8(reason)));

            RawWebSocketClient.Frame answer = client.readFrame(END_MILLIS);
            assertEquals(4321, answer.closeCode(), answer::toString);
            assertEquals(reason, recorder.next(Recorder.Closed.class).reason());
        }
    }

    @Test
    void section5_5_1_closeInsideAFragmentedMessageIsAnsweredAndTheMessageIsNotDelivered() throws Exception {
        try (RawWebSocketClient client = connect()) {
            client.sendFrame(false, TEXT, "never ");
            client.sendFrame(false, CONTINUATION, "finished");
            client.sendClose(1000, "");

            RawWebSocketClient.Frame answer = client.readFrame(END_MILLIS);
            assertEquals(CLOSE, answer.opcode(), answer::toString);
            assertEquals(1000, answer.closeCode(), answer::toString);
            assertEquals(1000, recorder.nextOf(Recorder.Closed.class).statusCode());
            assertTrue(recorder.all(Recorder.Message.class).isEmpty(), () -> "handled: " + recorder.all());
        }
    }

    @Test
    void section5_5_1_nothingIsSentAfterTheServersCloseFrameAnsweringTheClients() throws Exception {
        try (RawWebSocketClient client = connect()) {
            // the close, then a ping and a message right behind it in the same write
            client.writeRaw(concat(
                    Frames.encode(FIN | CLOSE, true, closePayload(1000, new byte[0])),
                    Frames.encode(FIN | PING, true, utf8("after close")),
                    Frames.encode(FIN | TEXT, true, utf8("after close"))));

            List<RawWebSocketClient.Frame> frames = client.readFramesUntilEndOfStream(END_MILLIS);
            assertEquals(1, frames.size(), () -> "expected only the close frame, got " + frames);
            assertEquals(CLOSE, frames.getFirst().opcode(), frames::toString);
        }
    }

    @Test
    void section5_5_1_nothingIsSentAfterTheServersOwnCloseFrame() throws Exception {
        try (RawWebSocketClient client = connect()) {
            client.sendText("close-then-send"); // the handler closes with 4003, then tries to send "late"

            RawWebSocketClient.Frame close = client.readFrame(END_MILLIS);
            assertEquals(CLOSE, close.opcode(), () -> "expected the close 4003 first, got " + close);
            assertEquals(4003, close.closeCode(), close::toString);
            // the closing handshake is not over: the client still talks before answering
            client.sendFrame(true, PING, "ping after the server's close");
            client.sendText("message after the server's close");
            client.sendFrame(false, TEXT, "fragment ");
            client.sendFrame(true, PING, "ping inside a message after the server's close");
            client.sendFrame(true, CONTINUATION, "after the server's close");
            client.sendClose(4003, "");

            assertEquals(List.of(), client.readFramesUntilEndOfStream(END_MILLIS),
                    "no pong, echo or second close after the server's close frame");
            assertEquals(new Recorder.Outcome(recorder.all(Recorder.Opened.class).getFirst().id(),
                    "IllegalStateException, open=false"), recorder.nextOf(Recorder.Outcome.class));
        }
    }

    @Test
    void section5_5_1_nothingIsSentAfterTheCloseFrameThatFailedTheConnection() throws Exception {
        try (RawWebSocketClient client = connect()) {
            client.sendFrame(true, 0x3, "reserved opcode");
            RawWebSocketClient.Frame close = client.readFrame(END_MILLIS);
            assertEquals(1002, close.closeCode(), close::toString);

            try {
                client.sendFrame(true, PING, "ping after the server failed the connection");
                client.sendText("message after the server failed the connection");
            } catch (IOException e) {
                // TCP already closed: nothing can come back either
            }

            assertEquals(List.of(), client.readFramesUntilEndOfStream(END_MILLIS), "frames after the close frame");
        }
    }

    @Test
    void section7_1_5_onCloseGetsTheCodeOfTheClientsAnswerToTheServersClose() throws Exception {
        try (RawWebSocketClient client = connect()) {
            client.sendText("close-then-send");
            assertEquals(4003, client.readFrame(END_MILLIS).closeCode());

            client.sendClose(1000, "ok");

            assertEquals(List.of(), client.readFramesUntilEndOfStream(END_MILLIS));
            Recorder.Closed closed = recorder.nextOf(Recorder.Closed.class);
            assertEquals(1000, closed.statusCode(), () -> "RFC 6455, 7.1.5: the code of the first close frame received; "
                    + closed);
            assertEquals("ok", closed.reason());
        }
    }

    @Test
    void section7_1_1_serverClosesTcpWhenTheClientNeverAnswersItsCloseAndOnCloseGets1006() throws Exception {
        try (RawWebSocketClient client = RawWebSocketClient.connect(impatientServer.port(), LIFECYCLE)) {
            recorder.next(Recorder.Opened.class);
            client.sendText("close-then-send");
            assertEquals(4003, client.readFrame(END_MILLIS).closeCode());

            // no answer: the server gives up after its close timeout (300 ms)
            assertEquals(List.of(), client.readFramesUntilEndOfStream(END_MILLIS));
            Recorder.Closed closed = recorder.nextOf(Recorder.Closed.class);
            assertEquals(1006, closed.statusCode(), () -> "RFC 6455, 7.1.5: no close frame received; " + closed);
            assertEquals(1, recorder.all(Recorder.Closed.class).size(), () -> "events: " + recorder.all());
        }
    }
}
