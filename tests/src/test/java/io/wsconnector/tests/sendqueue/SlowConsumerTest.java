package io.wsconnector.tests.sendqueue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.wsconnector.runtime.SlowConsumerPolicy;
import io.wsconnector.runtime.TestServers;
import io.wsconnector.runtime.WebSocketServer;
import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.runtime.WebSocketSessions;
import io.wsconnector.tests.Recorder;
import io.wsconnector.tests.broadcast.BroadcastEndpoint;
import io.wsconnector.tests.broadcast.BroadcastEndpoint_WebSocketEndpoint;
import io.wsconnector.testsupport.Await;
import io.wsconnector.testsupport.BackgroundReader;
import io.wsconnector.testsupport.LogCapture;
import io.wsconnector.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Each {@link SlowConsumerPolicy} over real sockets. A slow client has a 4 KiB receive buffer and stops
 * reading; the server's send queues hold 64 KiB; numbered messages of about 1 KiB are sent from the test
 * thread (a thread outside any handler) to it and to a normal client, which reads everything and is never
 * sent more than {@value #WINDOW} messages ahead of what it read (so its own queue never fills). Whatever
 * happens to the slow client, the normal one gets every message, in order.
 *
 * <p>"Stalled" below means that the slow session's writes can no longer progress: the kernel's buffers between
 * server and client are full. The test knows it when no message sent to the slow session completes for
 * {@value #STALL_MILLIS} ms while some are waiting; from then on, nothing reaches that client until it reads.
 */
@Timeout(180)
class SlowConsumerTest {
    private static final String PATH = "/broadcast";
    private static final int QUEUE_LIMIT = 64 * 1024;
    private static final int RECEIVE_BUFFER = 4 * 1024;
    private static final int MESSAGE_SIZE = 1000;
    private static final int WINDOW = 16;
    private static final int BURST = 64;
    /** Messages sent once the slow session has stalled: more than its queue can hold. */
    private static final int AFTER_STALL = 200;
    /** Far more than the kernel's buffers and the queue hold: a slow client not stalled by then fails the test. */
    private static final int MAX_MESSAGES = 40_000;
    private static final long STALL_MILLIS = 2_000;
    private static final String REASON = "Send queue full: the client reads too slowly";

    private final Recorder recorder = new Recorder();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private WebSocketServer server;
    private WebSocketSessions registry;

    @AfterEach
    void stopServer() throws Exception {
        for (AutoCloseable resource : resources.reversed()) {
            resource.close();
        }
        TestServers.stop(server);
    }

    private void start(Consumer<WebSocketServer.Builder> configuration) {
        server = TestServers.start(builder -> configuration.accept(builder.sendQueueLimit(QUEUE_LIMIT)
                        .metrics(Metrics.globalRegistry())),
                new BroadcastEndpoint_WebSocketEndpoint(() -> new BroadcastEndpoint(recorder)));
        registry = server.sessions(BroadcastEndpoint.class);
    }

    private <T extends AutoCloseable> T closedAfterwards(T resource) {
        resources.add(resource);
        return resource;
    }

    /** Message {@code seq}: its number, then padding up to {@value #MESSAGE_SIZE} bytes. */
    private static String numbered(int seq) {
        String number = String.format("%08d ", seq);
        return number + "x".repeat(MESSAGE_SIZE - number.length());
    }

    private static int seqOf(String text) {
        return Integer.parseInt(text.substring(0, 8));
    }

    /** The client that does not read (yet), and its session. */
    private record Slow(RawWebSocketClient raw, WebSocketSession session) {
    }

    /** The client that reads everything; the sender takes a permit per message, the reader returns one per frame. */
    private record Normal(RawWebSocketClient raw, WebSocketSession session, BackgroundReader reader, Semaphore permits) {
        /** Waits until the normal client may be sent one more message. */
        void awaitRoom() throws InterruptedException {
            assertTrue(permits.tryAcquire(30, TimeUnit.SECONDS), "the normal client stopped receiving");
        }

        /** Checks that the normal client received exactly messages 0 to {@code sent - 1}, in order. */
        void assertReceivedAll(int sent) throws InterruptedException {
            for (int seq = 0; seq < sent; seq++) {
                String text = reader.nextText();
                int expected = seq;
                assertEquals(expected, seqOf(text), () -> "the normal client's message " + expected);
            }
            assertTrue(session.isOpen(), "the normal client's session is open");
        }
    }

    private Slow connectSlow() throws Exception {
        RawWebSocketClient raw = closedAfterwards(RawWebSocketClient.connectWithReceiveBuffer(server.port(), PATH,
                RECEIVE_BUFFER));
        return new Slow(raw, recorder.nextOf(Recorder.Opened.class).session());
    }

    private Normal connectNormal() throws Exception {
        RawWebSocketClient raw = RawWebSocketClient.connect(server.port(), PATH);
        WebSocketSession session = recorder.nextOf(Recorder.Opened.class).session();
        Semaphore permits = new Semaphore(WINDOW);
        BackgroundReader reader = closedAfterwards(BackgroundReader.start(raw, "normal-client",
                frame -> permits.release()));
        return new Normal(raw, session, reader, permits);
    }

    /** Reads the slow client's frames until a close frame (returned last) or the end of the connection. */
    private static List<RawWebSocketClient.Frame> readUntilCloseOrEnd(BackgroundReader reader) throws Exception {
        List<RawWebSocketClient.Frame> frames = new ArrayList<>();
        while (true) {
            if (reader.hasEnded() && reader.frames().size() == frames.size()) {
                return frames;
            }
            RawWebSocketClient.Frame frame = reader.next();
            frames.add(frame);
            if (frame.opcode() == RawWebSocketClient.CLOSE) {
                return frames;
            }
        }
    }

    /** The numbers of the data frames, which must all be text. */
    private static List<Integer> numbers(List<RawWebSocketClient.Frame> frames) {
        List<Integer> numbers = new ArrayList<>();
        for (RawWebSocketClient.Frame frame : frames) {
            if (frame.opcode() != RawWebSocketClient.CLOSE) {
                assertEquals(RawWebSocketClient.TEXT, frame.opcode(), frame::toString);
                numbers.add(seqOf(frame.text()));
            }
        }
        return numbers;
    }

    private static void assertContiguousFromZero(List<Integer> numbers, String what) {
        for (int i = 0; i < numbers.size(); i++) {
            if (numbers.get(i) != i) {
                fail(what + ": expected messages 0, 1, 2, ... without a gap, but message " + i + " is "
                        + numbers.get(i) + " (" + numbers.size() + " received)");
            }
        }
    }

    // ---------------------------------------------------------------- CLOSE

    /** How many messages were broadcast, and the first that reached only the normal client. */
    private record Broadcasts(int sent, int firstWithoutSlow) {
    }

    /**
     * Broadcasts numbered messages to both clients until one reaches only the normal client (the slow session
     * is closed), then {@code extra} more; checks what each broadcast returned.
     */
    private Broadcasts broadcastUntilTheSlowSessionCloses(Normal normal, int extra) throws Exception {
        int sent = 0;
        int firstWithoutSlow = -1;
        while (firstWithoutSlow < 0 || sent < firstWithoutSlow + extra) {
            if (sent >= MAX_MESSAGES) {
                fail("the slow session was still open after " + sent + " messages of " + MESSAGE_SIZE + " bytes");
            }
            normal.awaitRoom();
            int recipients = registry.broadcastText(numbered(sent));
            if (firstWithoutSlow < 0 && recipients == 1) {
                firstWithoutSlow = sent;
            }
            int expected = firstWithoutSlow < 0 ? 2 : 1;
            int seq = sent;
            assertEquals(expected, recipients, () -> "recipients of message " + seq);
            sent++;
        }
        return new Broadcasts(sent, firstWithoutSlow);
    }

    @Test
    void closeIsTheDefaultAndClosesTheSlowSessionWith1008AfterWhatWasInFlightWhileTheOthersGetEverything()
            throws Exception {
        LogCapture log = closedAfterwards(new LogCapture(WebSocketServer.class.getPackageName()));
        start(builder -> builder.closeTimeout(Duration.ofSeconds(60))); // the default policy
        long slowClosesBefore = counted("wsconnector.slow.consumer.closes");
        Slow slow = connectSlow();
        Normal normal = connectNormal();

        Broadcasts flood = broadcastUntilTheSlowSessionCloses(normal, 100);
        assertEquals(1, counted("wsconnector.slow.consumer.closes") - slowClosesBefore, "counted");
        int sent = flood.sent();
        int firstWithoutSlow = flood.firstWithoutSlow();

        assertFalse(slow.session().isOpen(), "the slow session is closing");
        normal.assertReceivedAll(sent);
        assertEquals(1, log.warningsContaining("Session " + slow.session().id() + " of " + PATH).size(),
                () -> "one warning about the slow session: " + log.warningsContaining("Session"));

        // the slow client reads again: what was in flight, in order and without a gap, then the close
        BackgroundReader slowReader = closedAfterwards(BackgroundReader.start(slow.raw(), "slow-client"));
        List<RawWebSocketClient.Frame> frames = readUntilCloseOrEnd(slowReader);
        RawWebSocketClient.Frame close = frames.getLast();
        assertEquals(RawWebSocketClient.CLOSE, close.opcode(), () -> "the last frame: " + close);
        assertEquals(1008, close.closeCode(), close::toString);
        assertEquals(REASON, close.closeReason());
        List<Integer> numbers = numbers(frames);
        assertContiguousFromZero(numbers, "the slow client's messages before the close");
        assertTrue(numbers.size() < firstWithoutSlow, () -> numbers.size() + " messages reached the slow client, "
                + "but it was left out from message " + firstWithoutSlow + " on");

        slow.raw().sendClose(1008, "");
        slowReader.awaitEnd(Duration.ofSeconds(10));
        assertEquals(1008, recorder.closeOf(slow.session().id(), Duration.ofSeconds(10)).statusCode());
        assertTrue(registry.find(slow.session().id()).isEmpty(), "the slow session left the registry");
        assertEquals(1, registry.count());
        assertEquals(1, registry.broadcastText("still served"));
        assertEquals("still served", normal.reader().nextText());
    }

    @Test
    void closeEndsTheConnectionAfterTheCloseTimeoutWhenTheSlowClientNeverReadsAgain() throws Exception {
        start(builder -> builder.slowConsumerPolicy(SlowConsumerPolicy.CLOSE).closeTimeout(Duration.ofSeconds(1)));
        Slow slow = connectSlow();
        Normal normal = connectNormal();

        int sent = broadcastUntilTheSlowSessionCloses(normal, 100).sent();

        // without reading a byte: the close timeout ends the connection, and the session leaves the registry
        assertEquals(1006, recorder.closeOf(slow.session().id(), Duration.ofSeconds(30)).statusCode());
        assertTrue(registry.find(slow.session().id()).isEmpty(), "the slow session left the registry");
        assertEquals(1, registry.count());
        normal.assertReceivedAll(sent);

        // what the slow client finds when it reads again: messages in order from the first, maybe the close
        // (if it was written before the connection ended), then the end of the connection
        BackgroundReader slowReader = closedAfterwards(BackgroundReader.start(slow.raw(), "slow-client"));
        List<RawWebSocketClient.Frame> frames = slowReader.awaitEnd(Duration.ofSeconds(30));
        assertContiguousFromZero(numbers(frames), "the slow client's messages");
        for (int i = 0; i < frames.size() - 1; i++) {
            assertEquals(RawWebSocketClient.TEXT, frames.get(i).opcode(), "only the last frame may be a close");
        }
        if (!frames.isEmpty() && frames.getLast().opcode() == RawWebSocketClient.CLOSE) {
            assertEquals(1008, frames.getLast().closeCode());
            assertEquals(REASON, frames.getLast().closeReason());
        }
    }

    @Test
    void aMessageLargerThanTheQueueLimitIsAcceptedIntoAnEmptyQueueWhateverThePolicy() throws Exception {
        for (SlowConsumerPolicy policy : SlowConsumerPolicy.values()) {
            WebSocketServer own = TestServers.start(builder -> builder.sendQueueLimit(1024).slowConsumerPolicy(policy),
                    new BroadcastEndpoint_WebSocketEndpoint(() -> new BroadcastEndpoint(recorder)));
            try (RawWebSocketClient client = RawWebSocketClient.connect(own.port(), PATH)) {
                WebSocketSession session = recorder.nextOf(Recorder.Opened.class).session();
                String large = "L".repeat(100 * 1024);

                session.sendTextAsync(large).toCompletableFuture().get(10, TimeUnit.SECONDS);
                assertEquals(large, client.readText(), policy::toString);
                assertEquals(1, own.sessions(PATH).broadcastText(large));
                assertEquals(large, client.readText(), policy::toString);
                assertTrue(session.isOpen(), policy::toString);
            } finally {
                TestServers.stop(own);
            }
        }
    }

    // ---------------------------------------------------------------- DROP_NEWEST, DROP_OLDEST

    /** What was sent to the slow session: its stages by message number, and when it stalled. */
    private record Flood(List<CompletableFuture<Void>> stages, int stalledAt) {
        int sent() {
            return stages.size();
        }
    }

    /**
     * Sends numbered messages from the test thread, to the slow session with {@code sendTextAsync} and to the
     * normal client with a broadcast whose filter leaves the slow session out, until the slow session has
     * stalled; then {@value #AFTER_STALL} more.
     */
    private Flood sendUntilTheSlowSessionStalls(Slow slow, Normal normal) throws Exception {
        List<CompletableFuture<Void>> stages = new ArrayList<>();
        AtomicInteger written = new AtomicInteger();
        int writtenBefore = -1;
        int stalledAt = -1;
        while (stalledAt < 0 || stages.size() < stalledAt + AFTER_STALL) {
            if (stages.size() >= MAX_MESSAGES) {
                fail("the slow session's writes still progressed after " + stages.size() + " messages");
            }
            for (int i = 0; i < BURST; i++) {
                int seq = stages.size();
                normal.awaitRoom();
                assertEquals(1, registry.broadcastText(numbered(seq), session -> !session.equals(slow.session())));
                CompletableFuture<Void> stage = slow.session().sendTextAsync(numbered(seq)).toCompletableFuture();
                stage.thenRun(written::incrementAndGet);
                stages.add(stage);
            }
            if (stalledAt < 0 && !stalled(stages, written, writtenBefore)) {
                writtenBefore = written.get();
            } else if (stalledAt < 0) {
                stalledAt = stages.size();
            }
        }
        return new Flood(stages, stalledAt);
    }

    /**
     * Whether the slow session's writes stalled: some of its messages wait, and none was written since the last
     * check nor within {@value #STALL_MILLIS} ms.
     */
    private static boolean stalled(List<CompletableFuture<Void>> stages, AtomicInteger written, int writtenBefore)
            throws InterruptedException {
        if (stages.stream().allMatch(CompletableFuture::isDone)) {
            return false;
        }
        return Await.holdsFor(Duration.ofMillis(STALL_MILLIS), () -> written.get() == writtenBefore);
    }

    /** Whether a stage completed normally ({@code true}) or was cancelled ({@code false}); fails otherwise. */
    private static boolean writtenOrCancelled(CompletableFuture<Void> stage, int seq) throws Exception {
        try {
            stage.get(30, TimeUnit.SECONDS);
            return true;
        } catch (CancellationException e) {
            assertTrue(stage.isCancelled());
            return false;
        } catch (ExecutionException e) {
            throw new AssertionError("the stage of message " + seq + " failed instead of being written or dropped",
                    e.getCause());
        }
    }

    /**
     * The slow client reads again: every stage settles (written or cancelled, nothing else); then an end marker
     * is sent. Checks that the client received exactly the messages whose stages completed, in order, and
     * returns their numbers.
     */
    private static List<Integer> resumeReading(Slow slow, Flood flood, List<AutoCloseable> resources)
            throws Exception {
        BackgroundReader slowReader = BackgroundReader.start(slow.raw(), "slow-client");
        resources.add(slowReader);
        List<Integer> written = new ArrayList<>();
        for (int seq = 0; seq < flood.sent(); seq++) {
            if (writtenOrCancelled(flood.stages().get(seq), seq)) {
                written.add(seq);
            }
        }
        slow.session().sendTextAsync("end").toCompletableFuture().get(30, TimeUnit.SECONDS);
        List<Integer> received = new ArrayList<>();
        for (String text = slowReader.nextText(); !text.equals("end"); text = slowReader.nextText()) {
            received.add(seqOf(text));
        }
        assertEquals(written, received, "the slow client received exactly the messages whose stages completed, "
                + "in order");
        assertTrue(slow.session().isOpen(), "the slow session stays open");
        return received;
    }

    /** The stages of the messages sent after the stall, before the slow client reads again: true if not dropped. */
    private static List<Boolean> keptAfterTheStall(Flood flood) {
        List<Boolean> kept = new ArrayList<>();
        for (int seq = flood.stalledAt(); seq < flood.sent(); seq++) {
            CompletableFuture<Void> stage = flood.stages().get(seq);
            int number = seq;
            assertFalse(stage.isDone() && !stage.isCancelled(),
                    () -> "message " + number + " was written while the slow client did not read: " + stage);
            kept.add(!stage.isCancelled());
        }
        return kept;
    }

    /** How many messages of about {@value #MESSAGE_SIZE} bytes the queue holds at most. */
    /** A counter of the endpoint's, as far as it has counted in this JVM (tests compare before and after). */
    private static long counted(String name) {
        return Metrics.globalRegistry().counter(name, List.of(Tag.create("endpoint", PATH))).map(Counter::count)
                .orElse(0L);
    }

    private static int queueCapacity() {
        return QUEUE_LIMIT / MESSAGE_SIZE + 1;
    }

    @Test
    void dropNewestKeepsTheSlowSessionOpenAndDropsTheMessagesThatDoNotFitWhileTheOthersGetEverything()
            throws Exception {
        LogCapture log = closedAfterwards(new LogCapture(WebSocketServer.class.getPackageName()));
        start(builder -> builder.slowConsumerPolicy(SlowConsumerPolicy.DROP_NEWEST));
        long droppedBefore = counted("wsconnector.send.queue.dropped");
        Slow slow = connectSlow();
        Normal normal = connectNormal();

        Flood flood = sendUntilTheSlowSessionStalls(slow, normal);

        // stalled, the queue keeps the oldest: of the messages sent since, the first few fit, all later ones not
        List<Boolean> kept = keptAfterTheStall(flood);
        int keptCount = kept.indexOf(false);
        assertTrue(keptCount >= 0, "a message sent after the stall was dropped");
        assertEquals(List.of(), kept.subList(keptCount, kept.size()).stream().filter(k -> k).toList(),
                () -> "once one message is dropped, every later one is: " + kept);
        assertTrue(keptCount <= queueCapacity(), () -> keptCount + " messages were kept after the stall");
        assertTrue(slow.session().isOpen());
        assertEquals(2, registry.count());

        normal.assertReceivedAll(flood.sent());
        List<Integer> received = resumeReading(slow, flood, resources);
        int last = flood.sent() - 1;
        assertFalse(received.contains(last), "the newest message was dropped");
        assertTrue(received.size() < flood.sent(), "some messages were dropped");
        assertEquals(flood.sent() - received.size(), counted("wsconnector.send.queue.dropped") - droppedBefore,
                "every message sent to the slow session and not received was counted as dropped");
        assertEquals(1, log.warningsContaining("Session " + slow.session().id() + " of " + PATH).size(),
                () -> "reported once: " + log.warningsContaining("Session"));
    }

    @Test
    void dropOldestKeepsTheSlowSessionOpenAndItGetsTheNewestMessagesWhileTheOthersGetEverything() throws Exception {
        LogCapture log = closedAfterwards(new LogCapture(WebSocketServer.class.getPackageName()));
        start(builder -> builder.slowConsumerPolicy(SlowConsumerPolicy.DROP_OLDEST));
        Slow slow = connectSlow();
        Normal normal = connectNormal();

        Flood flood = sendUntilTheSlowSessionStalls(slow, normal);

        // stalled, each new message pushes the oldest out: of the messages sent since, the newest are kept
        List<Boolean> kept = keptAfterTheStall(flood);
        int firstKept = kept.indexOf(true);
        assertTrue(firstKept > 0, () -> "the first messages sent after the stall were dropped: " + kept);
        assertEquals(List.of(), kept.subList(firstKept, kept.size()).stream().filter(k -> !k).toList(),
                () -> "the kept messages are the newest, without a gap: " + kept);
        assertTrue(kept.size() - firstKept <= queueCapacity(),
                () -> (kept.size() - firstKept) + " messages were kept after the stall");
        assertTrue(slow.session().isOpen());

        normal.assertReceivedAll(flood.sent());
        List<Integer> received = resumeReading(slow, flood, resources);
        int last = flood.sent() - 1;
        assertEquals(last, received.getLast(), "the newest message was received");
        assertTrue(received.size() < flood.sent(), "some messages were dropped");
        assertEquals(1, log.warningsContaining("Session " + slow.session().id() + " of " + PATH).size(),
                () -> "reported once: " + log.warningsContaining("Session"));
    }

    @Test
    void closeFailsTheStagesOfTheMessagesItDropsWithIllegalStateException() throws Exception {
        start(builder -> builder.slowConsumerPolicy(SlowConsumerPolicy.CLOSE).closeTimeout(Duration.ofSeconds(60)));
        Slow slow = connectSlow();
        Normal normal = connectNormal();

        List<CompletableFuture<Void>> stages = new ArrayList<>();
        while (slow.session().isOpen()) {
            if (stages.size() >= MAX_MESSAGES) {
                fail("the slow session was still open after " + stages.size() + " messages");
            }
            int seq = stages.size();
            normal.awaitRoom();
            registry.broadcastText(numbered(seq), session -> !session.equals(slow.session()));
            stages.add(slow.session().sendTextAsync(numbered(seq)).toCompletableFuture());
        }
        normal.assertReceivedAll(stages.size());

        BackgroundReader slowReader = closedAfterwards(BackgroundReader.start(slow.raw(), "slow-client"));
        List<RawWebSocketClient.Frame> frames = readUntilCloseOrEnd(slowReader);
        assertEquals(1008, frames.getLast().closeCode(), () -> "the last frame: " + frames.getLast());
        List<Integer> received = numbers(frames);
        assertContiguousFromZero(received, "the slow client's messages before the close");
        for (int seq = 0; seq < stages.size(); seq++) {
            CompletableFuture<Void> stage = stages.get(seq);
            int number = seq;
            if (seq < received.size()) {
                stage.get(30, TimeUnit.SECONDS); // written
            } else {
                ExecutionException failed = assertThrows(ExecutionException.class,
                        () -> stage.get(30, TimeUnit.SECONDS), () -> "message " + number + " was not received");
                assertInstanceOf(IllegalStateException.class, failed.getCause(), () -> "message " + number);
            }
        }
        slow.raw().sendClose(1008, "");
        slowReader.awaitEnd(Duration.ofSeconds(10));
        assertEquals(1008, recorder.closeOf(slow.session().id(), Duration.ofSeconds(10)).statusCode());
    }
}
