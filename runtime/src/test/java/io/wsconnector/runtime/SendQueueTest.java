package io.wsconnector.runtime;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletionStage;

import io.wsconnector.runtime.spi.WebSocketDispatcher;
import io.wsconnector.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The send queue of a session, seen from threads other than its own: senders never wait for a client that
 * does not read, the policy deals with it, and the queue and the connection's own replies stay in order
 * through the closing handshake.
 */
@Timeout(120)
class SendQueueTest {
    private static final int QUEUE_LIMIT = 64 * 1024;
    private static final int MESSAGE_SIZE = 1024;
    /** Sessions by the text of their client's first message, so a test can find the one it connected. */
    private final ConcurrentHashMap<String, WebSocketSession> sessions = new ConcurrentHashMap<>();
    private final Events events = new Events();
    private WebSocketServer server;

    @AfterEach
    void stopServer() {
        TestServers.stop(server);
    }

    private void start(SlowConsumerPolicy policy) {
        server = TestServers.start(builder -> builder.sendQueueLimit(QUEUE_LIMIT).slowConsumerPolicy(policy)
                        .closeTimeout(Duration.ofMillis(500)),
                TestEndpoint.at("/queue", NamedDispatcher::new));
    }

    /** Registers the session under the text of its first message; echoes later ones. */
    private final class NamedDispatcher implements WebSocketDispatcher {
        private String name;

        @Override
        public CompletionStage<?> onTextMessage(WebSocketSession session, String message) {
            if (name == null) {
                name = message;
                sessions.put(message, session);
                session.sendText("registered");
            } else {
                session.sendText(message);
            }
            return null;
        }

        @Override
        public void onClose(WebSocketSession session, int code, String reason) {
            events.add("close " + name + " " + code);
        }
    }

    private RawWebSocketClient connect(String name, int receiveBuffer) throws IOException {
        RawWebSocketClient client = RawWebSocketClient.connectWithReceiveBuffer(server.port(), "/queue", receiveBuffer);
        client.sendText(name);
        assertEquals("registered", client.readText());
        return client;
    }

    private static String message(int sequence) {
        String prefix = sequence + ":";
        return prefix + "x".repeat(MESSAGE_SIZE - prefix.length());
    }

    private static int sequenceOf(String text) {
        return Integer.parseInt(text.substring(0, text.indexOf(':')));
    }

    @Test
    void sendsToAClientThatStopsReadingNeverWaitAndDropNewestKeepsAnInOrderPrefix() throws Exception {
        start(SlowConsumerPolicy.DROP_NEWEST);
        try (RawWebSocketClient stalled = connect("stalled", 4096); RawWebSocketClient normal = connect("normal", 0)) {
            WebSocketSession slow = sessions.get("stalled");
            int sent = 5_000; // 5 MB: far more than the queue limit plus every TCP buffer on the way
            List<CompletableFuture<Void>> stages = new ArrayList<>(sent);
            long started = System.nanoTime();
            for (int i = 0; i < sent; i++) {
                stages.add(slow.sendTextAsync(message(i)).toCompletableFuture());
            }
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(tookMillis < 10_000, "sending to a stalled client took " + tookMillis + " ms");
            long cancelled = stages.stream().filter(CompletableFuture::isCancelled).count();
            assertTrue(cancelled > 0, "some messages must be dropped; none was");
            assertTrue(slow.isOpen(), "DROP_NEWEST keeps the session open");

            normal.sendText("still served");
            assertEquals("still served", normal.readText());

            // the stalled client reads again: exactly the messages whose stage was not cancelled, in order
            List<Integer> received = readAllNotCancelled(stalled, stages);
            assertEquals(0, received.getFirst(), "DROP_NEWEST keeps the oldest message");
            assertReceivedExactlyTheUncancelled(received, stages);
        }
    }

    /**
     * Reads text messages until every message whose stage was not cancelled has arrived (reading lets the server
     * write the rest), or nothing arrives for {@value RawWebSocketClient#TIMEOUT_MILLIS} ms; checks that they come
     * in increasing order. Not a read until the client goes quiet: on a busy machine a pause is no proof of the end.
     */
    private static List<Integer> readAllNotCancelled(RawWebSocketClient client, List<CompletableFuture<Void>> stages)
            throws IOException {
        List<Integer> received = new ArrayList<>();
        try {
            while (!stages.stream().allMatch(CompletableFuture::isDone)
                    || received.size() < stages.stream().filter(stage -> !stage.isCancelled()).count()) {
                int sequence = sequenceOf(client.readText());
                if (!received.isEmpty() && sequence <= received.getLast()) {
                    fail("out of order: " + sequence + " after " + received.getLast());
                }
                received.add(sequence);
            }
        } catch (SocketTimeoutException nothingMore) {
            // what is missing, the assertions on the stages name
        }
        return received;
    }

    private static void assertReceivedExactlyTheUncancelled(List<Integer> received,
                                                            List<CompletableFuture<Void>> stages) {
        Set<Integer> got = new HashSet<>(received);
        for (int i = 0; i < stages.size(); i++) {
            CompletableFuture<Void> stage = stages.get(i);
            if (got.contains(i)) {
                stage.orTimeout(10, TimeUnit.SECONDS).join(); // written: completes normally
            } else {
                assertTrue(stage.isCancelled(), "message " + i + " was neither received nor reported as dropped");
            }
        }
        assertTrue(received.size() < stages.size(), "nothing was dropped: the client did not stall the server");
    }

    @Test
    void dropOldestKeepsTheNewestMessages() throws Exception {
        start(SlowConsumerPolicy.DROP_OLDEST);
        try (RawWebSocketClient stalled = connect("stalled", 4096)) {
            WebSocketSession slow = sessions.get("stalled");
            int sent = 5_000;
            List<CompletableFuture<Void>> stages = new ArrayList<>(sent);
            for (int i = 0; i < sent; i++) {
                stages.add(slow.sendTextAsync(message(i)).toCompletableFuture());
            }
            List<Integer> received = readAllNotCancelled(stalled, stages);
            assertEquals(sent - 1, received.getLast(), "DROP_OLDEST never drops the newest message");
            assertReceivedExactlyTheUncancelled(received, stages);
            assertTrue(slow.isOpen());
        }
    }

    @Test
    void closePolicyClosesOnlyTheSlowSessionAndFailsWhatItHadQueued() throws Exception {
        start(SlowConsumerPolicy.CLOSE);
        try (RawWebSocketClient stalled = connect("stalled", 4096); RawWebSocketClient normal = connect("normal", 0)) {
            WebSocketSession slow = sessions.get("stalled");
            WebSocketSession fast = sessions.get("normal");
            List<CompletableFuture<Void>> stages = new ArrayList<>();
            for (int i = 0; i < 5_000 && slow.isOpen(); i++) {
                stages.add(slow.sendTextAsync(message(i)).toCompletableFuture());
            }
            assertFalse(slow.isOpen(), "the slow session must be closing once its queue overflowed");
            // the client never answers our 1008 (it does not read): the close timeout ends the connection
            assertTrue(events.nextStartingWith("close stalled").startsWith("close stalled 1006"));
            assertTrue(server.sessions("/queue").find(slow.id()).isEmpty());
            CompletableFuture<Void> lastStage = stages.getLast();
            try {
                lastStage.join();
                fail("the message that overflowed the queue cannot have been written");
            } catch (CompletionException e) {
                assertInstanceOf(IllegalStateException.class, e.getCause());
            } catch (CancellationException e) {
                fail("CLOSE fails stages, it does not cancel them");
            }
            assertTrue(fast.isOpen());
            normal.sendText("still served");
            assertEquals("still served", normal.readText());
            assertTrue(stalled.awaitEndOfStream(10_000), "the slow client's connection must be closed");
        }
    }

    @Test
    void theClosingHandshakeWaitsForWhatAnotherThreadIsWriting() throws Exception {
        start(SlowConsumerPolicy.CLOSE);
        try (RawWebSocketClient client = connect("busy", 0)) {
            WebSocketSession session = sessions.get("busy");
            int sent = 40; // 40 KB: within the queue limit, so nothing is dropped
            for (int i = 0; i < sent; i++) {
                session.sendText(message(i)); // from this thread: queued, written by a writer thread
            }
            client.sendClose(1000, "bye");
            for (int i = 0; i < sent; i++) {
                assertEquals(i, sequenceOf(client.readText()), "queued messages come first, in order");
            }
            RawWebSocketClient.Frame close = client.readFrame();
            assertEquals(RawWebSocketClient.CLOSE, close.opcode());
            assertEquals(1000, close.closeCode(), "the client's code is echoed after the queued messages");
            events.expect("close busy 1000");
        }
    }
}
