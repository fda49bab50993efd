package io.wsconnector.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.wsconnector.runtime.internal.AsyncReplies;
import io.wsconnector.runtime.spi.WebSocketDispatcher;
import io.wsconnector.testsupport.JdkClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Asynchronous sends: their stages complete when written, fail once the session is closed. */
@Timeout(60)
class AsyncSendTest {
    private static final Events EVENTS = new Events();
    private static final AtomicReference<WebSocketSession> SESSION = new AtomicReference<>();
    private static WebSocketServer server;

    @BeforeAll
    static void startServer() {
        server = TestServers.start(TestEndpoint.at("/async", AsyncDispatcher::new));
    }

    @AfterAll
    static void stopServer() {
        TestServers.stop(server);
    }

    @BeforeEach
    void forgetEarlierEvents() {
        EVENTS.clear();
    }

    private static final class AsyncDispatcher implements WebSocketDispatcher {
        @Override
        public void onOpen(WebSocketSession session) {
            SESSION.set(session);
            EVENTS.add("open");
        }

        @Override
        public CompletionStage<?> onTextMessage(WebSocketSession session, String message) {
            switch (message) {
                case "async" -> session.sendTextAsync("reply").whenComplete((done, failure) ->
                        EVENTS.add("written " + (failure == null ? "ok" : failure.getClass().getSimpleName())));
                case "chain" -> session.sendTextAsync("first").thenRun(() -> session.sendText("second"));
                case "binary" -> {
                    byte[] data = {1, 2, 3};
                    session.sendBinaryAsync(data);
                    data[0] = 9; // the array may be reused once the call returns
                }
                case "close-then-async" -> {
                    session.close();
                    session.sendTextAsync("too late").whenComplete((done, failure) ->
                            EVENTS.add("after close " + (failure == null ? "ok" : failure.getClass().getSimpleName())));
                }
                case "later" -> {
                    CompletableFuture<String> reply = new CompletableFuture<>();
                    CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS).execute(() -> reply.complete("later reply"));
                    return AsyncReplies.sendText(session, reply);
                }
                case "later-null" -> {
                    return AsyncReplies.sendText(session, CompletableFuture.completedFuture(null));
                }
                default -> session.sendText("echo:" + message);
            }
            return null;
        }

        @Override
        public void onClose(WebSocketSession session, int statusCode, String reason) {
            EVENTS.add("close " + statusCode);
        }
    }

    @Test
    void anAsyncReplyFromAHandlerCompletesWhenWritten() throws Exception {
        JdkClient client = JdkClient.connect(TestServers.uri(server, "/async"));
        EVENTS.expect("open");
        client.send("async");

        assertEquals("reply", client.awaitText());
        EVENTS.expect("written ok");
        closeAndAwait(client);
    }

    @Test
    void whatAnAsyncSendsStageTriggersIsSentWithoutWaitingForMoreInput() throws Exception {
        JdkClient client = JdkClient.connect(TestServers.uri(server, "/async"));
        client.send("chain");

        assertEquals("first", client.awaitText());
        assertEquals("second", client.awaitText());
        closeAndAwait(client);
    }

    @Test
    void anAsyncBinarySendCopiesTheArray() throws Exception {
        JdkClient client = JdkClient.connect(TestServers.uri(server, "/async"));
        client.send("binary");

        assertArrayEquals(new byte[] {1, 2, 3}, client.awaitBinary());
        closeAndAwait(client);
    }

    @Test
    void anAsyncSendFromAnotherThreadCompletesWhenWritten() throws Exception {
        JdkClient client = JdkClient.connect(TestServers.uri(server, "/async"));
        EVENTS.expect("open");
        WebSocketSession session = SESSION.get();

        CompletionStage<Void> text = session.sendTextAsync("from outside");
        CompletionStage<Void> binary = session.sendBinaryAsync(new byte[] {7});

        assertNull(text.toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertNull(binary.toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals("from outside", client.awaitText());
        assertArrayEquals(new byte[] {7}, client.awaitBinary());
        closeAndAwait(client);
    }

    @Test
    void anAsyncSendAfterCloseFailsWithIllegalStateException() throws Exception {
        JdkClient client = JdkClient.connect(TestServers.uri(server, "/async"));
        EVENTS.expect("open");
        client.send("close-then-async");
        EVENTS.expect("after close IllegalStateException");
        assertEquals(1000, client.awaitClose().statusCode());
        EVENTS.expect("close 1000");

        WebSocketSession closed = SESSION.get();
        assertFalse(closed.isOpen());
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> closed.sendTextAsync("x").toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        e = assertThrows(ExecutionException.class,
                () -> closed.sendBinaryAsync(new byte[1]).toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertThrows(IllegalStateException.class, () -> closed.sendText("x"));
        assertThrows(IllegalStateException.class, () -> closed.sendPing(new byte[0]));
    }

    @Test
    void aStageReturnedByAHandlerIsSentWhenItCompletesAndANullResultSendsNothing() throws Exception {
        JdkClient client = JdkClient.connect(TestServers.uri(server, "/async"));
        client.send("later-null");
        client.send("later");
        client.send("now");

        assertEquals("echo:now", client.awaitText());
        assertEquals("later reply", client.awaitText());
        closeAndAwait(client);
    }

    /** Closes and waits until the server saw it, so that the next test starts afresh. */
    private static void closeAndAwait(JdkClient client) throws Exception {
        client.close(1000, "");
        EVENTS.nextStartingWith("close");
    }
}
