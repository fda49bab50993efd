package io.wsconnector.tests.lifecycle;

import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.wsconnector.testing.WebSocketServerExtension;
import io.wsconnector.tests.Recorder;
import io.wsconnector.testsupport.JdkClient;
import io.wsconnector.testsupport.RawWebSocketClient;
import io.wsconnector.testsupport.Timing;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code @OnPing} and {@code @OnPong} over real sockets: the runtime answers a ping with its pong before
 * {@code @OnPing} runs, which only observes it; {@code session.sendPing} gets the client's pong to
 * {@code @OnPong}, as does an unsolicited pong.
 */
@Timeout(60)
class PingPongTest {
    private static final String HEARTBEAT = "/heartbeat";
    /** How long a test waits for the pong while {@code @OnPing} is blocked; less than the handler's own limit. */
    private static final int PONG_WAIT_MILLIS = (int) Timing.LATE.toMillis();

    private static volatile Recorder recorder = new Recorder();
    private static volatile CountDownLatch release = new CountDownLatch(0);

    @RegisterExtension
    static final WebSocketServerExtension SERVER = WebSocketServerExtension.serving(
            new HeartbeatEndpoint_WebSocketEndpoint(() -> new HeartbeatEndpoint(recorder, release)));

    @BeforeEach
    void newRecorder() {
        recorder = new Recorder();
        release = new CountDownLatch(0);
    }

    private static void assertFrame(int opcode, String payload, RawWebSocketClient.Frame frame) {
        assertEquals(opcode, frame.opcode(), () -> "expected opcode " + opcode + ", got " + frame);
        assertEquals(payload, frame.text(), frame::toString);
    }

    @Test
    void aPingIsAnsweredWithItsPongBeforeOnPingRunsWithThePayload() throws Exception {
        try (RawWebSocketClient client = SERVER.clients().raw(HEARTBEAT)) {
            client.sendFrame(true, RawWebSocketClient.PING, "abc");

            // @OnPing sends a text message: it must come after the pong
            assertFrame(RawWebSocketClient.PONG, "abc", client.readFrame());
            assertFrame(RawWebSocketClient.TEXT, "saw ping abc", client.readFrame());
        }
        assertEquals(List.of(Recorder.Call.of("OnPing", "abc")), recorder.all(Recorder.Call.class));
    }

    @Test
    void anEmptyPingGetsAnEmptyPongAndReachesOnPing() throws Exception {
        try (RawWebSocketClient client = SERVER.clients().raw(HEARTBEAT)) {
            client.sendFrame(true, RawWebSocketClient.PING, new byte[0]);

            assertFrame(RawWebSocketClient.PONG, "", client.readFrame());
            assertFrame(RawWebSocketClient.TEXT, "saw ping ", client.readFrame());
        }
    }

    @Test
    void thePongHasArrivedWhileOnPingIsStillRunning() throws Exception {
        release = new CountDownLatch(1);
        try (RawWebSocketClient client = SERVER.clients().raw(HEARTBEAT)) {
            client.sendFrame(true, RawWebSocketClient.PING, HeartbeatEndpoint.BLOCK);
            assertEquals("blocking", recorder.next(Recorder.Outcome.class).description(), "@OnPing is running");

            RawWebSocketClient.Frame frame;
            try {
                frame = client.readFrame(PONG_WAIT_MILLIS);
            } catch (SocketTimeoutException e) {
                release.countDown();
                RawWebSocketClient.Frame late = client.readFrame();
                fail("no pong within " + PONG_WAIT_MILLIS + " ms while @OnPing was running: the pong was written only"
                        + " after @OnPing returned (then came " + late + "); @OnPing must run after the pong was sent");
                return;
            }
            assertFrame(RawWebSocketClient.PONG, HeartbeatEndpoint.BLOCK, frame);
            assertEquals(List.of(), recorder.all(Recorder.Call.class), "@OnPing has not returned yet");

            release.countDown();
            assertEquals("released", recorder.next(Recorder.Outcome.class).description());
            assertFrame(RawWebSocketClient.TEXT, "saw ping block", client.readFrame());
        } finally {
            release.countDown();
        }
    }

    @Test
    void anOnPingThatThrowsCannotPreventThePong() throws Exception {
        try (RawWebSocketClient client = SERVER.clients().raw(HEARTBEAT)) {
            client.sendFrame(true, RawWebSocketClient.PING, HeartbeatEndpoint.THROW);

            assertFrame(RawWebSocketClient.PONG, HeartbeatEndpoint.THROW, client.readFrame());
            RawWebSocketClient.Frame close = client.readFrame();
            assertEquals(RawWebSocketClient.CLOSE, close.opcode(), close::toString);
            assertEquals(1011, close.closeCode(), close::toString);
        }
    }

    @Test
    void sendPingGetsTheClientsPongToOnPong() throws Exception {
        try (RawWebSocketClient client = SERVER.clients().raw(HEARTBEAT)) {
            client.sendText("ping:hello");

            RawWebSocketClient.Frame ping = client.readFrame();
            assertFrame(RawWebSocketClient.PING, "hello", ping);
            client.sendFrame(true, RawWebSocketClient.PONG, ping.payload());

            assertEquals(Recorder.Call.of("OnPong", "hello", HEARTBEAT), recorder.next(Recorder.Call.class));
        }
    }

    @Test
    void theJdkClientsAutomaticPongReachesOnPong() throws Exception {
        JdkClient client = SERVER.clients().connect(HEARTBEAT);

        client.send("ping:from the server");

        assertEquals(Recorder.Call.of("OnPong", "from the server", HEARTBEAT), recorder.next(Recorder.Call.class));
        client.close(1000, "");
    }

    @Test
    void anUnsolicitedPongReachesOnPongAndIsNotAnswered() throws Exception {
        try (RawWebSocketClient client = SERVER.clients().raw(HEARTBEAT)) {
            client.sendFrame(true, RawWebSocketClient.PONG, "heartbeat".getBytes(StandardCharsets.UTF_8));

            assertEquals(Recorder.Call.of("OnPong", "heartbeat", HEARTBEAT), recorder.next(Recorder.Call.class));
            assertEquals("after", client.sendText("after").readText(), "nothing was sent in answer to the pong");
        }
    }

    @Test
    void aPingOver125BytesIsRefusedAndTheSessionStaysOpen() throws Exception {
        try (RawWebSocketClient client = SERVER.clients().raw(HEARTBEAT)) {
            assertEquals("IllegalArgumentException, open=true", client.sendText(HeartbeatEndpoint.BIG_PING).readText());
            assertEquals("after", client.sendText("after").readText());
        }
    }
}
