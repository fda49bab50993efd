package io.wsconnector.tests.errors;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.wsconnector.testing.WebSocketServerExtension;
import io.wsconnector.tests.EchoEndpoint;
import io.wsconnector.tests.EchoEndpoint_WebSocketEndpoint;
import io.wsconnector.tests.Recorder;
import io.wsconnector.testsupport.Await;
import io.wsconnector.testsupport.JdkClient;
import io.wsconnector.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A handler that throws closes its own connection with 1011, without revealing the exception, and
 * leaves every other connection alone.
 */
@Timeout(60)
class HandlerFailureTest {
    private static final int OTHER_CLIENTS = 50;
    private static final int MESSAGES_PER_ROUND = 3;

    private static volatile Recorder recorder = new Recorder();

    @RegisterExtension
    static final WebSocketServerExtension SERVER = WebSocketServerExtension.serving(
                    new EchoEndpoint_WebSocketEndpoint(() -> new EchoEndpoint(recorder)),
                    new FailingOpenEndpoint_WebSocketEndpoint(() -> new FailingOpenEndpoint(recorder)));

    @BeforeEach
    void newRecorder() {
        recorder = new Recorder();
    }

    private static void assertInternalErrorWithoutSecret(JdkClient.Close close, String secret) {
        assertEquals(1011, close.statusCode(), close::toString);
        assertFalse(close.reason().contains(secret), () -> "the close reason reveals the exception: " + close);
        assertFalse(close.reason().contains("Exception"), () -> "the close reason reveals the exception: " + close);
    }

    @Test
    void anExceptionInOnTextMessageCloses1011WithoutRevealingIt() throws Exception {
        JdkClient client = SERVER.clients().connect("/test/echo");
        assertEquals("before", client.send("before").awaitText());

        client.send(EchoEndpoint.BOOM);

        Object event = client.awaitEvent();
        assertTrue(event instanceof JdkClient.Close, () -> "expected the close, got " + event);
        assertInternalErrorWithoutSecret((JdkClient.Close) event, EchoEndpoint.SECRET);
    }

    @Test
    void anExceptionInOnOpenCloses1011WithoutRevealingItAndNoMessageIsHandled() throws Exception {
        JdkClient client = SERVER.clients().connect("/failing-open");

        assertInternalErrorWithoutSecret(client.awaitClose(), FailingOpenEndpoint.SECRET);
        assertTrue(recorder.all(Recorder.Message.class).isEmpty(), () -> "handled: " + recorder.all());
    }

    @Test
    void anExceptionInOnOpenSeenByARawClient() throws Exception {
        try (RawWebSocketClient client = SERVER.clients().raw("/failing-open")) {
            client.sendText("ignored: the session is closing");

            RawWebSocketClient.Frame close = client.readClose();
            assertEquals(1011, close.closeCode(), close::toString);
            assertFalse(close.closeReason().contains(FailingOpenEndpoint.SECRET), close::closeReason);
            client.sendClose(1011, "");
            assertEquals(List.of(), client.readFramesUntilEndOfStream(), "no echo of the message sent while closing");
            assertTrue(recorder.all(Recorder.Message.class).isEmpty(), () -> "handled: " + recorder.all());
            assertEquals(1011, recorder.nextOf(Recorder.Closed.class).statusCode(), "@OnClose still runs");
        }
    }

    @Test
    void failingConnectionsDoNotDisturbFiftyConcurrentClients() throws Exception {
        List<JdkClient> others = connectConcurrently(OTHER_CLIENTS);
        JdkClient booming = SERVER.clients().connect("/test/echo");
        assertEquals("ready", booming.send("ready").awaitText());

        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            // first round on every connection, while the failures happen
            List<Future<?>> rounds = new ArrayList<>();
            for (int i = 0; i < others.size(); i++) {
                rounds.add(executor.submit(echoRound(others.get(i), i, 0)));
            }
            booming.send(EchoEndpoint.BOOM);
            JdkClient failingOpen = SERVER.clients().connect("/failing-open");
            assertInternalErrorWithoutSecret(booming.awaitClose(), EchoEndpoint.SECRET);
            assertInternalErrorWithoutSecret(failingOpen.awaitClose(), FailingOpenEndpoint.SECRET);
            for (Future<?> round : rounds) {
                round.get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }

            // second round, after the failures
            rounds.clear();
            for (int i = 0; i < others.size(); i++) {
                rounds.add(executor.submit(echoRound(others.get(i), i, 1)));
            }
            for (Future<?> round : rounds) {
                round.get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
        }

        for (int i = 0; i < others.size(); i++) {
            JdkClient client = others.get(i);
            assertTrue(client.isOpen(), "client " + i + " was closed");
            client.assertNothingPending();
        }
        int handled = recorder.all(Recorder.Message.class).size();
        assertEquals(OTHER_CLIENTS * MESSAGES_PER_ROUND * 2 + 2, handled, "messages handled (+ ready and boom)");
        for (JdkClient client : others) {
            client.close(1000, "");
        }
    }

    /** Sends a few messages unique to this client, then checks that exactly those come back, in order. */
    private static Callable<Void> echoRound(JdkClient client, int clientNumber, int round) {
        return () -> {
            List<String> sent = new ArrayList<>();
            for (int m = 0; m < MESSAGES_PER_ROUND; m++) {
                String message = "client " + clientNumber + " round " + round + " message " + m;
                client.send(message);
                sent.add(message);
            }
            List<String> received = new ArrayList<>();
            for (int m = 0; m < MESSAGES_PER_ROUND; m++) {
                received.add(client.awaitText());
            }
            assertEquals(sent, received, "client " + clientNumber + " round " + round);
            return null;
        };
    }

    private static List<JdkClient> connectConcurrently(int count) throws Exception {
        List<CompletableFuture<JdkClient>> connecting = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            connecting.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return SERVER.clients().connect("/test/echo");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        List<JdkClient> clients = new ArrayList<>();
        for (CompletableFuture<JdkClient> future : connecting) {
            clients.add(future.get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        }
        return clients;
    }
}
