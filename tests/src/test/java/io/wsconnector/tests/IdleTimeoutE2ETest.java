package io.wsconnector.tests;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.wsconnector.runtime.WebSocketServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Idle timeouts over real sockets, with endpoints whose timeout is {@value IdleEndpoint#TIMEOUT_SECONDS} s:
 * {@code @OnIdleTimeout} runs within the timeout ± 1 s after the last frame and the connection stays open (the
 * timeout starting again), unless the method closes it; without the method the connection is closed with 1001
 * within the timeout ± 1 s; a frame of any kind restarts the timeout. Time is measured with
 * {@link System#nanoTime()} from just before the client sends its last frame.
 */
@Timeout(60)
class IdleTimeoutE2ETest {
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(IdleEndpoint.TIMEOUT_SECONDS);
    private static final long TOLERANCE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static WebSocketServer server;
    private static volatile Recorder recorder = new Recorder();

    @BeforeAll
    static void startServer() {
        server = Servers.start(
                new IdleEndpoint_WebSocketEndpoint(() -> new IdleEndpoint(recorder)),
                new IdleCloseEndpoint_WebSocketEndpoint(() -> new IdleCloseEndpoint(recorder)));
    }

    @AfterAll
    static void stopServer() {
        Servers.stop(server);
    }

    @BeforeEach
    void newRecorder() {
        recorder = new Recorder();
    }

    /**
     * The idle timeout fired within the timeout ± 1 s of the last frame; and, since the client sent that frame
     * after {@code lastFrameNanos}, not before the timeout itself.
     */
    private static void assertWithinTimeout(long lastFrameNanos, long firedNanos, String what) {
        long elapsed = firedNanos - lastFrameNanos;
        String description = what + " " + TimeUnit.NANOSECONDS.toMillis(elapsed) + " ms after the last frame; the"
                + " timeout is " + IdleEndpoint.TIMEOUT_SECONDS + " s";
        assertTrue(elapsed >= TIMEOUT_NANOS, description + " (early)");
        assertTrue(Math.abs(elapsed - TIMEOUT_NANOS) <= TOLERANCE_NANOS, description);
    }

    @Test
    void onIdleTimeoutRunsWithinTheTimeoutAndTheConnectionStaysOpen() throws Exception {
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.port(), "/idle/alpha")) {
            long lastFrame = System.nanoTime();
            assertEquals("hello", client.sendText("hello").readText());

            IdleEndpoint.Idle idle = recorder.next(IdleEndpoint.Idle.class);
            assertWithinTimeout(lastFrame, idle.nanoTime(), "@OnIdleTimeout ran");
            assertEquals("alpha", idle.name(), "the path parameter reached @OnIdleTimeout");
            assertTrue(idle.open(), "the session was open in @OnIdleTimeout");

            // still open: the next frame read is the echo, not a close
            long nextLastFrame = System.nanoTime();
            assertEquals("still open", client.sendText("still open").readText());
            IdleEndpoint.Idle again = recorder.next(IdleEndpoint.Idle.class);
            assertWithinTimeout(nextLastFrame, again.nanoTime(), "@OnIdleTimeout ran again");
            assertEquals("open again", client.sendText("open again").readText());
        }
    }

    @Test
    void anyFrameRestartsTheTimeout() throws Exception {
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.port(), "/idle/beta")) {
            client.sendFrame(true, RawWebSocketClient.PING, "1");
            assertEquals(RawWebSocketClient.PONG, client.readFrame().opcode());
            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(TIMEOUT_NANOS) * 6 / 10); // part of the timeout, not an assertion
            long lastFrame = System.nanoTime();
            client.sendFrame(true, RawWebSocketClient.PING, "2");
            assertEquals(RawWebSocketClient.PONG, client.readFrame().opcode());

            IdleEndpoint.Idle idle = recorder.next(IdleEndpoint.Idle.class);
            assertWithinTimeout(lastFrame, idle.nanoTime(), "@OnIdleTimeout ran (counted from the second ping)");
        }
    }

    @Test
    void onIdleTimeoutMayCloseTheConnection() throws Exception {
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.port(), "/idle/gamma?close=true")) {
            long lastFrame = System.nanoTime();
            assertEquals("hi", client.sendText("hi").readText());

            RawWebSocketClient.Frame close = client.readFrame();
            long closed = System.nanoTime();
            assertEquals(RawWebSocketClient.CLOSE, close.opcode(), close::toString);
            assertEquals(4000, close.closeCode(), close::toString);
            assertEquals("idle gamma", close.closeReason());
            assertWithinTimeout(lastFrame, closed, "the close arrived");
            client.sendClose(4000, "");
            assertTrue(client.awaitEndOfStream());
        }
        assertEquals(Recorder.Call.of("OnClose", 4000, ""), recorder.nextOf(Recorder.Call.class));
    }

    @Test
    void withoutOnIdleTimeoutAnIdleConnectionIsClosedWith1001WithinTheTimeout() throws Exception {
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.port(), "/idle-close")) {
            long lastFrame = System.nanoTime();
            assertEquals("hi", client.sendText("hi").readText());

            RawWebSocketClient.Frame close = client.readFrame();
            long closed = System.nanoTime();
            assertEquals(RawWebSocketClient.CLOSE, close.opcode(), close::toString);
            assertEquals(1001, close.closeCode(), close::toString);
            assertWithinTimeout(lastFrame, closed, "the 1001 close arrived");
            client.sendClose(1001, "");
            assertTrue(client.awaitEndOfStream(), "the server ends TCP after the closing handshake");
        }
        assertEquals(Recorder.Call.of("OnClose", 1001), recorder.next(Recorder.Call.class));
    }

    @Test
    void theServersIdleTimeoutAppliesToAnEndpointWithoutItsOwn() throws Exception {
        WebSocketServer withDefault = Servers.start(builder -> builder.idleTimeout(Duration.ofNanos(TIMEOUT_NANOS)),
                new EchoEndpoint_WebSocketEndpoint());
        try (RawWebSocketClient client = RawWebSocketClient.connect(withDefault.port(), Conformance.ECHO)) {
            long lastFrame = System.nanoTime();
            assertEquals("hi", client.sendText("hi").readText());

            RawWebSocketClient.Frame close = client.readFrame();
            long closed = System.nanoTime();
            assertEquals(1001, close.closeCode(), close::toString);
            assertWithinTimeout(lastFrame, closed, "the 1001 close arrived");
        } finally {
            withDefault.stop();
        }
    }
}
