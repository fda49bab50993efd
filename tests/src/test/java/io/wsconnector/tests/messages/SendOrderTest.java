package io.wsconnector.tests.messages;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.wsconnector.runtime.TestServers;
import io.wsconnector.runtime.WebSocketServer;
import io.wsconnector.tests.Recorder;
import io.wsconnector.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Order across the two ways out of a session: what a handler sends (batched until it returns) and what
 * another thread sends meanwhile (queued). Each thread's messages arrive in the order it sent them, and a
 * message sent after another one was sent (on any thread) arrives after it.
 */
@Timeout(120)
class SendOrderTest {
    private static final int ROUNDS = 300;
    private static final int PER_ROUND = 5;

    private static ExecutorService executor;
    private static WebSocketServer server;
    private static final Recorder recorder = new Recorder();

    @BeforeAll
    static void startServer() {
        // one thread: its sends of every round come in one order, which the client must see
        executor = Executors.newSingleThreadExecutor();
        server = TestServers.start(new HandoffEndpoint_WebSocketEndpoint(() -> new HandoffEndpoint(recorder, executor)));
    }

    @AfterAll
    static void stopServer() {
        TestServers.stop(server);
        executor.shutdownNow();
    }

    @Test
    void aHandlerThatSendsThenHandsOffToAnExecutorIsReceivedInOrderRoundAfterRound() throws Exception {
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.port(), "/handoff")) {
            List<String> received = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                client.sendText(round + ":" + PER_ROUND);
                for (int i = 0; i < 3 + PER_ROUND; i++) {
                    received.add(client.readText());
                }
            }
            assertRoundsInOrder(received, 0, ROUNDS);
        }
        assertEquals(List.of(), recorder.all(Recorder.Outcome.class), "problems the endpoint saw");
    }

    @Test
    void pipelinedRoundsAreReceivedInOrder() throws Exception {
        // the client sends every round at once: the handlers run back to back, the executor's sends overlap them
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.port(), "/handoff")) {
            for (int round = 0; round < ROUNDS; round++) {
                client.sendText(round + ":" + PER_ROUND);
            }
            List<String> received = new ArrayList<>();
            for (int i = 0; i < ROUNDS * (3 + PER_ROUND); i++) {
                received.add(client.readText());
            }
            assertRoundsInOrder(received, 0, ROUNDS);
        }
        assertEquals(List.of(), recorder.all(Recorder.Outcome.class), "problems the endpoint saw");
    }

    /**
     * The handler's messages ({@code a}, {@code c}, {@code d} of each round) are in the order it sent them, the
     * executor's ({@code b0}, {@code b1}, ...) in theirs; {@code a} comes before {@code b0} (sent before the
     * hand-off) and {@code b0} before {@code c} (the handler sent {@code c} once {@code b0} was sent).
     */
    private static void assertRoundsInOrder(List<String> received, int firstRound, int rounds) {
        List<String> handlerExpected = new ArrayList<>();
        List<String> executorExpected = new ArrayList<>();
        for (int round = firstRound; round < firstRound + rounds; round++) {
            handlerExpected.addAll(List.of(round + " a", round + " c", round + " d"));
            for (int i = 0; i < PER_ROUND; i++) {
                executorExpected.add(round + " b" + i);
            }
        }
        List<String> fromHandler = received.stream().filter(text -> !text.contains(" b")).toList();
        List<String> fromExecutor = received.stream().filter(text -> text.contains(" b")).toList();
        assertEquals(handlerExpected, fromHandler, "the handler's messages, in the order it sent them");
        assertEquals(executorExpected, fromExecutor, "the executor's messages, in the order it sent them");

        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < received.size(); i++) {
            position.put(received.get(i), i);
        }
        for (int round = firstRound; round < firstRound + rounds; round++) {
            int a = position.get(round + " a");
            int b0 = position.get(round + " b0");
            int c = position.get(round + " c");
            int currentRound = round;
            assertTrue(a < b0 && b0 < c, () -> "round " + currentRound + ": expected a < b0 < c, got positions "
                    + a + ", " + b0 + ", " + c + " in " + received.subList(Math.max(0, a - 5),
                    Math.min(received.size(), c + 5)));
        }
    }
}
