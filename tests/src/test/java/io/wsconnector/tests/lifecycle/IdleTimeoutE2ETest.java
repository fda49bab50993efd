package io.wsconnector.tests.lifecycle;

import java.time.Duration;

import io.wsconnector.runtime.TestServers;
import io.wsconnector.runtime.WebSocketServer;
import io.wsconnector.testing.WebSocketServerExtension;
import io.wsconnector.tests.Conformance;
import io.wsconnector.tests.EchoEndpoint_WebSocketEndpoint;
import io.wsconnector.tests.Recorder;
import io.wsconnector.testsupport.RawWebSocketClient;
import io.wsconnector.testsupport.Timing;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Idle timeouts over real sockets, with endpoints whose timeout is {@value IdleEndpoint#TIMEOUT_SECONDS} s:
 * {@code @OnIdleTimeout} runs once the timeout has passed since the last frame, never before, and the connection
 * stays open (the timeout starting again), unless the method closes it; without the method the connection is
 * closed with 1001 once the timeout has passed; a frame of any kind restarts the timeout. Time is measured with
 * {@link System#nanoTime()} from just before the client sends its last frame; how late an event may be is
 * {@link Timing#LATE}, generous for a loaded machine.
 */
@Timeout(60)
class IdleTimeoutE2ETest {
    private static final Duration TIMEOUT = Duration.ofSeconds(IdleEndpoint.TIMEOUT_SECONDS);

    private static volatile Recorder recorder = new Recorder();

    @RegisterExtension
    static final WebSocketServerExtension SERVER = WebSocketServerExtension.serving(
                    new IdleEndpoint_WebSocketEndpoint(() -> new IdleEndpoint(recorder)),
                    new IdleCloseEndpoint_WebSocketEndpoint(() -> new IdleCloseEndpoint(recorder)));

    @BeforeEach
    void newRecorder() {
        recorder = new Recorder();
    }

    /**
     * The idle timeout fired once the timeout had passed since the last frame: since the client sent that frame
     * after {@code lastFrameNanos}, never before the timeout itself.
     */
    private static void assertWithinTimeout(long lastFrameNanos, long firedNanos, String what) {
        Timing.assertAfter(what + " (the timeout is " + TIMEOUT.toSeconds() + " s)", TIMEOUT, lastFrameNanos, firedNanos);
    }

    @Test
    void onIdleTimeoutRunsWithinTheTimeoutAndTheConnectionStaysOpen() throws Exception {
        try (RawWebSocketClient client = SERVER.clients().raw("/idle/alpha")) {
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
        try (RawWebSocketClient client = SERVER.clients().raw("/idle/beta")) {
            client.sendFrame(true, RawWebSocketClient.PING, "1");
            assertEquals(RawWebSocketClient.PONG, client.readFrame().opcode());
            Thread.sleep(TIMEOUT.toMillis() * 6 / 10); // part of the timeout, not an assertion
            long lastFrame = System.nanoTime();
            client.sendFrame(true, RawWebSocketClient.PING, "2");
            assertEquals(RawWebSocketClient.PONG, client.readFrame().opcode());

            IdleEndpoint.Idle idle = recorder.next(IdleEndpoint.Idle.class);
            assertWithinTimeout(lastFrame, idle.nanoTime(), "@OnIdleTimeout ran (counted from the second ping)");
        }
    }

    @Test
    void onIdleTimeoutMayCloseTheConnection() throws Exception {
        try (RawWebSocketClient client = SERVER.clients().raw("/idle/gamma?close=true")) {
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
        try (RawWebSocketClient client = SERVER.clients().raw("/idle-close")) {
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
        WebSocketServer withDefault = TestServers.start(builder -> builder.idleTimeout(TIMEOUT),
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
