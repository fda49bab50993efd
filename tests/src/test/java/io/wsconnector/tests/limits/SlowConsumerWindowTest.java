package io.wsconnector.tests.limits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.wsconnector.runtime.TestServers;
import io.wsconnector.runtime.WebSocketServer;
import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.runtime.WebSocketSessions;
import io.wsconnector.tests.Recorder;
import io.wsconnector.tests.broadcast.BroadcastEndpoint;
import io.wsconnector.tests.broadcast.BroadcastEndpoint_WebSocketEndpoint;
import io.wsconnector.testsupport.BackgroundReader;
import io.wsconnector.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Slow consumers judged by time as well as bytes, as Redis judges its clients' output buffers (issue 11,
 * finding 6): a send queue over the hard limit closes its session at once; one over the soft limit only when
 * it stays over it for longer than the soft window. A burst that readers absorb within the window closes no
 * one; a reader stalled for longer than the window is closed with 1008. Here the hard limit is
 * {@value #HARD} bytes, the soft limit {@value #SOFT} bytes for {@value #WINDOW_MILLIS} ms.
 */
@Timeout(120)
class SlowConsumerWindowTest {
    private static final String PATH = "/broadcast";
    private static final int HARD = 1024 * 1024;
    private static final int SOFT = 64 * 1024;
    private static final long WINDOW_MILLIS = 2_000;
    private static final int MESSAGE_SIZE = 1000;
    /** How much later than due a loaded machine may close a session. */
    private static final long LATE_MILLIS = 10_000;

    private final Recorder recorder = new Recorder();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private WebSocketServer server;
    private WebSocketSessions registry;

    @BeforeEach
    void startServer() {
        start(builder -> builder.sendQueueSoftLimit(SOFT, Duration.ofMillis(WINDOW_MILLIS)));
    }

    private void start(Consumer<WebSocketServer.Builder> softLimits) {
        server = TestServers.start(builder -> softLimits.accept(builder.sendQueueLimit(HARD)
                        .closeTimeout(Duration.ofSeconds(60))),
                new BroadcastEndpoint_WebSocketEndpoint(() -> new BroadcastEndpoint(recorder)));
        registry = server.sessions(BroadcastEndpoint.class);
    }

    @AfterEach
    void stopServer() throws Exception {
        for (AutoCloseable resource : resources.reversed()) {
            resource.close();
        }
        TestServers.stop(server);
    }

    private <T extends AutoCloseable> T closedAfterwards(T resource) {
        resources.add(resource);
        return resource;
    }

    private static String numbered(int seq) {
        String number = String.format("%08d ", seq);
        return number + "x".repeat(MESSAGE_SIZE - number.length());
    }

    /** A client that reads everything, and its session. */
    private record Reader(BackgroundReader frames, WebSocketSession session) {
    }

    private Reader connectReader(int i) throws Exception {
        RawWebSocketClient raw = RawWebSocketClient.connect(server.port(), PATH);
        WebSocketSession session = recorder.nextOf(Recorder.Opened.class).session();
        return new Reader(closedAfterwards(BackgroundReader.start(raw, "reader-" + i)), session);
    }

    /** A client with a 4 KiB receive buffer that reads nothing (yet), and its session. */
    private record Stalled(RawWebSocketClient raw, WebSocketSession session) {
    }

    private Stalled connectStalled() throws Exception {
        RawWebSocketClient raw = closedAfterwards(
                RawWebSocketClient.connectWithReceiveBuffer(server.port(), PATH, 4096));
        return new Stalled(raw, recorder.nextOf(Recorder.Opened.class).session());
    }

    /**
     * Sends numbered messages to the stalled session until one is not written within half a second: the
     * kernel's buffers are full, and what is sent from now on stays in the session's send queue.
     *
     * @return how many messages were sent
     */
    private static int sendUntilStalled(WebSocketSession session) throws Exception {
        for (int seq = 0; seq < 20_000; seq++) {
            CompletableFuture<Void> written = session.sendTextAsync(numbered(seq)).toCompletableFuture();
            try {
                written.get(500, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return seq + 1;
            }
        }
        return fail("the stalled client's connection took 20,000 messages without stalling");
    }

    /**
     * Queues {@code bytes} more for the stalled session, in messages of {@value #MESSAGE_SIZE} bytes, or fewer
     * if the session closes on the way.
     */
    private static void queue(WebSocketSession session, int from, int bytes) {
        for (int seq = from; seq < from + bytes / MESSAGE_SIZE && session.isOpen(); seq++) {
            session.sendText(numbered(seq));
        }
    }

    private static long awaitClosedSending(WebSocketSession session, long timeoutMillis) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeoutMillis * 1_000_000L;
        while (session.isOpen()) {
            if (System.nanoTime() > deadline) {
                fail("session " + session.id() + " is still open after " + timeoutMillis + " ms");
            }
            Thread.sleep(20);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void aBurstThatReadersAbsorbWithinTheSoftWindowClosesNoOne() throws Exception {
        List<Reader> readers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            readers.add(connectReader(i));
        }

        for (int seq = 0; seq < 500; seq++) { // 500 KB, far over the soft limit, as fast as the server takes it
            assertEquals(4, registry.broadcastText(numbered(seq)), "recipients of message " + seq);
        }

        for (Reader reader : readers) {
            for (int seq = 0; seq < 500; seq++) {
                assertEquals(numbered(seq), reader.frames().nextText());
            }
        }
        Thread.sleep(WINDOW_MILLIS + 500);
        for (Reader reader : readers) {
            assertTrue(reader.session().isOpen(), () -> "session " + reader.session().id() + " was closed");
        }
    }

    @Test
    void aReaderStalledOverTheSoftLimitForLongerThanTheWindowIsClosedWith1008AndTheOthersAreNot() throws Exception {
        Reader reader = connectReader(0);
        Stalled stalled = connectStalled();

        int sent = sendUntilStalled(stalled.session());
        queue(stalled.session(), sent, 2 * SOFT); // over the soft limit, far under the hard one
        long overSoft = System.nanoTime();
        reader.session().sendText("the reader's");

        Thread.sleep(WINDOW_MILLIS / 2);
        assertTrue(stalled.session().isOpen(), "closed within the soft window");
        awaitClosedSending(stalled.session(), WINDOW_MILLIS + LATE_MILLIS);
        long closedAfter = (System.nanoTime() - overSoft) / 1_000_000;
        assertTrue(closedAfter >= WINDOW_MILLIS - 200,
                () -> "closed " + closedAfter + " ms after going over the soft limit");

        assertEquals("the reader's", reader.frames().nextText());
        assertTrue(reader.session().isOpen(), "the reader is open");
        BackgroundReader stalledFrames = closedAfterwards(BackgroundReader.start(stalled.raw(), "stalled"));
        RawWebSocketClient.Frame last;
        do {
            last = stalledFrames.next();
        } while (last.opcode() != RawWebSocketClient.CLOSE);
        assertEquals(1008, last.closeCode(), last::toString);
    }

    @Test
    void anEndpointsOwnSoftLimitAppliesToItsSessions() throws Exception {
        TestServers.stop(server);
        start(builder -> builder.sendQueueSoftLimit(0, Duration.ZERO) // none for the server
                .sendQueueSoftLimit(PATH, SOFT, Duration.ofMillis(WINDOW_MILLIS)));
        Stalled stalled = connectStalled();

        int sent = sendUntilStalled(stalled.session());
        queue(stalled.session(), sent, 2 * SOFT);

        long closedAfter = awaitClosedSending(stalled.session(), WINDOW_MILLIS + LATE_MILLIS);
        assertTrue(closedAfter >= WINDOW_MILLIS - 200,
                () -> "closed " + closedAfter + " ms after going over the soft limit");
    }

    @Test
    void aSendQueueSettingForAPathNoEndpointHasFailsTheBuild() {
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> TestServers.builder(
                builder -> builder.sendQueueSoftLimit("/nowhere", SOFT, Duration.ofSeconds(1)),
                new BroadcastEndpoint_WebSocketEndpoint()).build());
        assertTrue(failure.getMessage().contains("sendQueueSoftLimit(\"/nowhere\", ...) names no endpoint"),
                failure::getMessage);
    }

    @Test
    void aReaderThatCatchesUpWithinTheWindowStaysOpen() throws Exception {
        Stalled stalled = connectStalled();
        int sent = sendUntilStalled(stalled.session());
        queue(stalled.session(), sent, 2 * SOFT);

        Thread.sleep(WINDOW_MILLIS / 4);
        BackgroundReader frames = closedAfterwards(BackgroundReader.start(stalled.raw(), "catching-up"));
        int total = sent + 2 * SOFT / MESSAGE_SIZE;
        for (int seq = 0; seq < total; seq++) {
            assertEquals(numbered(seq), frames.nextText());
        }
        Thread.sleep(WINDOW_MILLIS + 500);
        assertTrue(stalled.session().isOpen(), "the session that caught up was closed");
    }

    @Test
    void aQueueOverTheHardLimitClosesItsSessionAtOnce() throws Exception {
        Stalled stalled = connectStalled();
        int sent = sendUntilStalled(stalled.session());

        queue(stalled.session(), sent, HARD + SOFT);

        assertFalse(stalled.session().isOpen(), "the session over the hard limit is closing");
    }
}
