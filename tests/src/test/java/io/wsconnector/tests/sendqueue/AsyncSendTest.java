package io.wsconnector.tests.sendqueue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.wsconnector.runtime.TestServers;
import io.wsconnector.runtime.WebSocketServer;
import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.runtime.WebSocketSessions;
import io.wsconnector.tests.EchoEndpoint_WebSocketEndpoint;
import io.wsconnector.tests.Recorder;
import io.wsconnector.tests.broadcast.BroadcastEndpoint;
import io.wsconnector.tests.broadcast.BroadcastEndpoint_WebSocketEndpoint;
import io.wsconnector.testsupport.Await;
import io.wsconnector.testsupport.BackgroundReader;
import io.wsconnector.testsupport.RawWebSocketClient;
import io.wsconnector.testsupport.Timing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code sendTextAsync}/{@code sendBinaryAsync} from threads outside the session's handlers: their stages
 * complete when the message is written, fail with {@link IllegalStateException} when the session closes
 * first, and the call never waits for a client that does not read.
 */
@Timeout(120)
class AsyncSendTest {
    private static final String PATH = "/broadcast";
    /** Large: a stalled client's queue never fills here, whatever the policy. */
    private static final int QUEUE_LIMIT = 64 * 1024 * 1024;
    private static final int MESSAGE_SIZE = 16 * 1024;
    private static final int BURST = 64;
    private static final long STALL_MILLIS = 2_000;
    /**
     * How long one send to a stalled client may take: far more than queuing a message needs (microseconds),
     * however busy the machine, and nothing like waiting for the client, which would never end.
     */
    private static final long PROMPT_MILLIS = Timing.LATE.toMillis();

    private static WebSocketServer server;
    private static WebSocketSessions registry;
    private static volatile Recorder recorder = new Recorder();

    @BeforeAll
    static void startServer() {
        server = TestServers.start(builder -> builder.sendQueueLimit(QUEUE_LIMIT),
                new BroadcastEndpoint_WebSocketEndpoint(() -> new BroadcastEndpoint(recorder)),
                new EchoEndpoint_WebSocketEndpoint());
        registry = server.sessions(BroadcastEndpoint.class);
    }

    @AfterAll
    static void stopServer() {
        TestServers.stop(server);
    }

    @BeforeEach
    void newRecorder() {
        recorder = new Recorder();
    }

    private static WebSocketSession sessionOf(RawWebSocketClient client) throws InterruptedException {
        return recorder.nextOf(Recorder.Opened.class).session();
    }

    @Test
    void sendTextAsyncFromAnotherThreadCompletesNormallyAndTheClientReceivesTheMessage() throws Exception {
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.port(), PATH)) {
            WebSocketSession session = sessionOf(client);

            CompletionStage<Void> text = session.sendTextAsync("async text");
            byte[] data = BroadcastEndpoint.pattern(5000);
            CompletionStage<Void> binary = session.sendBinaryAsync(data);
            data[0] = 99; // the array may be reused once the call returns

            assertNull(text.toCompletableFuture().get(10, TimeUnit.SECONDS));
            assertNull(binary.toCompletableFuture().get(10, TimeUnit.SECONDS));
            assertEquals("async text", client.readText());
            RawWebSocketClient.Frame frame = client.readFrame();
            assertEquals(RawWebSocketClient.BINARY, frame.opcode());
            assertArrayEquals(BroadcastEndpoint.pattern(5000), frame.payload());
        }
    }

    @Test
    void manyAsyncSendsFromSeveralThreadsAllCompleteAndEachThreadsMessagesArriveInOrder() throws Exception {
        int threads = 4;
        int perThread = 500;
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.port(), PATH)) {
            WebSocketSession session = sessionOf(client);
            BackgroundReader reader = BackgroundReader.start(client, "async-reader");
            List<CompletableFuture<Void>> stages = Collections.synchronizedList(new ArrayList<>());
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                senders.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < perThread; i++) {
                        stages.add(session.sendTextAsync(thread + ":" + i).toCompletableFuture());
                    }
                }));
            }
            for (Thread sender : senders) {
                sender.join(TimeUnit.SECONDS.toMillis(30));
            }
            CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            int[] next = new int[threads];
            for (int i = 0; i < threads * perThread; i++) {
                String[] parts = reader.nextText().split(":");
                int thread = Integer.parseInt(parts[0]);
                assertEquals(next[thread], Integer.parseInt(parts[1]), () -> "thread " + thread + "'s order");
                next[thread]++;
            }
            reader.close();
        }
    }

    @Test
    void anAsyncSendToASessionThatIsClosedFailsWithIllegalStateExceptionWithoutThrowing() throws Exception {
        WebSocketSession session;
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.port(), PATH)) {
            session = sessionOf(client);
            client.sendClose(1000, "");
            client.readClose();
        }
        recorder.nextOf(Recorder.Closed.class);

        CompletionStage<Void> text = assertDoesNotThrow(() -> session.sendTextAsync("too late"));
        CompletionStage<Void> binary = assertDoesNotThrow(() -> session.sendBinaryAsync(new byte[] {1}));

        for (CompletionStage<Void> stage : List.of(text, binary)) {
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> stage.toCompletableFuture().get(10, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, failed.getCause());
            assertTrue(failed.getCause().getMessage().contains(session.id()), failed.getCause()::getMessage);
        }
        assertThrows(IllegalStateException.class, () -> session.sendText("too late"), "the blocking variant throws");
    }

    /** The stages of what was sent until the client's writes stalled, and a message sent just then. */
    private record Stalled(List<CompletableFuture<Void>> stages) {
        boolean anyWaiting() {
            return stages.stream().anyMatch(stage -> !stage.isDone());
        }
    }

    /**
     * Sends messages to a client that does not read until its writes can no longer progress: messages wait, and
     * none was written for {@value #STALL_MILLIS} ms.
     */
    private static Stalled sendUntilStalled(WebSocketSession session) throws Exception {
        String message = "s".repeat(MESSAGE_SIZE);
        List<CompletableFuture<Void>> stages = new ArrayList<>();
        AtomicInteger written = new AtomicInteger();
        int writtenBefore = -1;
        while (true) {
            if (stages.size() * (long) MESSAGE_SIZE > 48L * 1024 * 1024) {
                fail("48 MiB were written to a client that does not read");
            }
            for (int i = 0; i < BURST; i++) {
                CompletableFuture<Void> stage = session.sendTextAsync(message).toCompletableFuture();
                stage.thenRun(written::incrementAndGet);
                stages.add(stage);
            }
            if (written.get() != writtenBefore || stages.stream().allMatch(CompletableFuture::isDone)) {
                writtenBefore = written.get();
                continue;
            }
            int before = writtenBefore;
            if (Await.holdsFor(Duration.ofMillis(STALL_MILLIS), () -> written.get() == before)) {
                return new Stalled(stages);
            }
            writtenBefore = written.get();
        }
    }

    /** Runs the call and keeps the longest time a call took in {@code slowest[0]}. */
    private static void timed(long[] slowest, Runnable call) {
        long start = System.nanoTime();
        call.run();
        slowest[0] = Math.max(slowest[0], System.nanoTime() - start);
    }

    @Test
    void sendingToAStalledClientReturnsAtOnceFromEveryThreadAndOtherClientsAreStillServed() throws Exception {
        try (RawWebSocketClient stalledClient = RawWebSocketClient.connectWithReceiveBuffer(server.port(), PATH, 4096)) {
            WebSocketSession session = sessionOf(stalledClient);
            Stalled stalled = sendUntilStalled(session);
            assertTrue(stalled.anyWaiting());

            long[] slowest = new long[1];
            List<CompletableFuture<Void>> more = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int n = i;
                timed(slowest, () -> more.add(session.sendTextAsync("async " + n).toCompletableFuture()));
                timed(slowest, () -> session.sendText("sendText " + n));
                timed(slowest, () -> session.sendBinary(new byte[MESSAGE_SIZE]));
                timed(slowest, () -> assertEquals(1, registry.broadcastText("broadcast " + n)));
            }
            long slowestMillis = TimeUnit.NANOSECONDS.toMillis(slowest[0]);
            assertTrue(slowestMillis < PROMPT_MILLIS, () -> "a send to a stalled client took " + slowestMillis
                    + " ms: it should only queue the message");
            assertTrue(stalled.anyWaiting(), "the client's writes still cannot progress");
            assertFalse(more.getLast().isDone(), "a message sent to a stalled client is not written yet");
            assertTrue(session.isOpen());

            try (RawWebSocketClient other = RawWebSocketClient.connect(server.port(), "/test/echo")) {
                assertEquals("still served", other.sendText("still served").readText());
            }

            // once the client reads again, everything is written
            BackgroundReader reader = BackgroundReader.start(stalledClient, "stalled-reader");
            CompletableFuture.allOf(more.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            CompletableFuture.allOf(stalled.stages().toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            reader.close();
        }
    }

    /**
     * Stalls a client, then resets its TCP connection: returns the stages that were still waiting, oldest first.
     * Messages of {@value #MESSAGE_SIZE} bytes are written one at a time, so the oldest of them was the one
     * being written when the connection failed; the others were still in the send queue.
     */
    private static List<CompletableFuture<Void>> waitingWhenAStalledClientResets() throws Exception {
        RawWebSocketClient client = RawWebSocketClient.connectWithReceiveBuffer(server.port(), PATH, 4096);
        WebSocketSession session = sessionOf(client);
        Stalled stalled = sendUntilStalled(session);
        List<CompletableFuture<Void>> waiting = stalled.stages().stream().filter(stage -> !stage.isDone()).toList();
        assertTrue(waiting.size() > 1, () -> waiting.size() + " messages waiting");

        client.socket().setSoLinger(true, 0);
        client.close(); // a TCP reset: the session closes before they are written

        assertEquals(1006, recorder.nextOf(Recorder.Closed.class).statusCode());
        for (CompletableFuture<Void> stage : waiting) {
            assertThrows(ExecutionException.class, () -> stage.get(10, TimeUnit.SECONDS),
                    "a message not written before the connection ended");
        }
        return waiting;
    }

    private static Throwable failureOf(CompletableFuture<Void> stage) {
        return assertThrows(ExecutionException.class, stage::get).getCause();
    }

    @Test
    void messagesQueuedForAStalledClientFailWithIllegalStateExceptionWhenItsConnectionEnds() throws Exception {
        List<CompletableFuture<Void>> waiting = waitingWhenAStalledClientResets();

        List<String> wrongFailures = new ArrayList<>();
        for (CompletableFuture<Void> queued : waiting.subList(1, waiting.size())) {
            Throwable failure = failureOf(queued);
            if (!(failure instanceof IllegalStateException)) {
                wrongFailures.add(String.valueOf(failure));
            }
        }
        assertEquals(List.of(), wrongFailures, () -> wrongFailures.size() + " of " + (waiting.size() - 1)
                + " queued messages failed with something else than IllegalStateException");
    }

    /**
     * {@link WebSocketSession#sendTextAsync}: the stage "fails with an IllegalStateException when the session
     * closes first or the connection fails". The message being written when the connection fails is not
     * written either, but its stage fails with the writer's {@link java.io.UncheckedIOException}.
     */
    @Test
    void theMessageBeingWrittenWhenTheConnectionFailsAlsoFailsWithIllegalStateException() throws Exception {
        List<CompletableFuture<Void>> waiting = waitingWhenAStalledClientResets();

        Throwable failure = failureOf(waiting.getFirst());
        assertInstanceOf(IllegalStateException.class, failure, () -> "the stage failed with " + failure);
    }
}
