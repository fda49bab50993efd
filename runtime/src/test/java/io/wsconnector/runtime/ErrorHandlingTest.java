package io.wsconnector.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletionStage;

import io.wsconnector.runtime.internal.AsyncReplies;
import io.wsconnector.runtime.spi.WebSocketDispatcher;
import io.wsconnector.testsupport.JdkClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Exceptions from handlers go to {@code onError}; one it handles leaves the connection open, any other
 * closes it with 1011 and a reason that reveals nothing.
 */
@Timeout(60)
class ErrorHandlingTest {
    private static final String SECRET = "hunter2";
    private static final Events EVENTS = new Events();
    private static WebSocketServer server;

    @BeforeAll
    static void startServer() {
        server = TestServers.start(TestEndpoint.at("/errors", Failing::new));
    }

    @AfterAll
    static void stopServer() {
        TestServers.stop(server);
    }

    @BeforeEach
    void forgetEarlierEvents() {
        EVENTS.clear();
    }

    /** What generated code does with several {@code @OnError} methods: an instanceof chain. */
    private static final class Failing implements WebSocketDispatcher {
        @Override
        public void onOpen(WebSocketSession session) {
            EVENTS.add("open");
            if (session.handshake().queryParam("failOpen").isPresent()) {
                throw new IllegalArgumentException("open failed");
            }
        }

        @Override
        public CompletionStage<?> onTextMessage(WebSocketSession session, String message) {
            switch (message) {
                case "handled" -> throw new IllegalArgumentException("handled one");
                case "unhandled" -> throw new IllegalStateException(SECRET);
                case "onError-throws" -> throw new UnsupportedOperationException("x");
                case "stage-fails-later" -> {
                    CompletableFuture<String> reply = new CompletableFuture<>();
                    CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS)
                            .execute(() -> reply.completeExceptionally(new IllegalArgumentException("later")));
                    return AsyncReplies.sendText(session, reply);
                }
                case "stage-failed-already" -> {
                    CompletionStage<?> pending = AsyncReplies.sendText(session,
                            CompletableFuture.failedFuture(new IllegalArgumentException("already")));
                    EVENTS.add("handler end");
                    return pending;
                }
                case "stage-unhandled" -> {
                    CompletableFuture<String> reply = new CompletableFuture<>();
                    CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS)
                            .execute(() -> reply.completeExceptionally(new IllegalStateException(SECRET)));
                    return AsyncReplies.sendText(session, reply);
                }
                default -> session.sendText("echo:" + message);
            }
            return null;
        }

        @Override
        public boolean onError(WebSocketSession session, Throwable error) {
            EVENTS.add("error " + error.getClass().getSimpleName() + " " + error.getMessage());
            if (error instanceof IllegalArgumentException) {
                return true;
            }
            if (error instanceof UnsupportedOperationException) {
                throw new IllegalStateException("@OnError broke too");
            }
            return false;
        }

        @Override
        public void onClose(WebSocketSession session, int statusCode, String reason) {
            EVENTS.add("close " + statusCode);
            if (session.handshake().queryParam("failClose").isPresent()) {
                throw new IllegalArgumentException("close failed");
            }
        }
    }

    @Test
    void anExceptionThatOnErrorHandlesKeepsTheConnectionOpen() throws Exception {
        JdkClient client = JdkClient.connect(TestServers.uri(server, "/errors"));
        EVENTS.expect("open");

        client.send("handled");
        EVENTS.expect("error IllegalArgumentException handled one");
        assertEquals("echo:still here", client.send("still here").awaitText());
        closeAndAwait(client);
    }

    @Test
    void anExceptionInOnOpenThatOnErrorHandlesKeepsTheConnectionOpen() throws Exception {
        JdkClient client = JdkClient.connect(TestServers.uri(server, "/errors?failOpen"));
        EVENTS.expect("open");
        EVENTS.expect("error IllegalArgumentException open failed");

        assertEquals("echo:still here", client.send("still here").awaitText());
        closeAndAwait(client);
    }

    @Test
    void anExceptionThatOnErrorDoesNotHandleCloses1011WithoutItsText() throws Exception {
        JdkClient client = JdkClient.connect(TestServers.uri(server, "/errors"));
        EVENTS.expect("open");

        client.send("unhandled");
        EVENTS.expect("error IllegalStateException " + SECRET);
        JdkClient.Close close = client.awaitClose();
        assertEquals(1011, close.statusCode());
        assertEquals("Internal server error", close.reason());
        EVENTS.expect("close 1011"); // the JDK client answered the close
    }

    @Test
    void anExceptionThrownByOnErrorCloses1011() throws Exception {
        JdkClient client = JdkClient.connect(TestServers.uri(server, "/errors"));
        EVENTS.expect("open");

        client.send("onError-throws");
        EVENTS.expect("error UnsupportedOperationException x");
        JdkClient.Close close = client.awaitClose();
        assertEquals(1011, close.statusCode());
        assertFalse(close.reason().contains("broke"), close::reason);
        EVENTS.expect("close 1011"); // the JDK client answered the close
    }

    @Test
    void aStageThatFailsLaterGoesToOnErrorAndTheConnectionStaysOpen() throws Exception {
        JdkClient client = JdkClient.connect(TestServers.uri(server, "/errors"));
        EVENTS.expect("open");

        client.send("stage-fails-later");
        EVENTS.expect("error IllegalArgumentException later");
        assertEquals("echo:still here", client.send("still here").awaitText());
        closeAndAwait(client);
    }

    @Test
    void aStageThatHadFailedAlreadyGoesToOnErrorAfterTheHandlerReturns() throws Exception {
        JdkClient client = JdkClient.connect(TestServers.uri(server, "/errors"));
        EVENTS.expect("open");

        client.send("stage-failed-already");
        EVENTS.expect("handler end");
        EVENTS.expect("error IllegalArgumentException already");
        assertEquals("echo:still here", client.send("still here").awaitText());
        closeAndAwait(client);
    }

    @Test
    void aStageFailureThatOnErrorDoesNotHandleCloses1011() throws Exception {
        JdkClient client = JdkClient.connect(TestServers.uri(server, "/errors"));
        EVENTS.expect("open");

        client.send("stage-unhandled");
        EVENTS.expect("error IllegalStateException " + SECRET);
        JdkClient.Close close = client.awaitClose();
        assertEquals(1011, close.statusCode());
        assertEquals("Internal server error", close.reason());
        EVENTS.expect("close 1011"); // the JDK client answered the close
    }

    @Test
    void anExceptionInOnCloseIsOnlyLogged() throws Exception {
        JdkClient client = JdkClient.connect(TestServers.uri(server, "/errors?failClose"));
        EVENTS.expect("open");

        client.close(1000, "");
        EVENTS.expect("close 1000");
        EVENTS.expectNothingFor(300);
    }

    private static void closeAndAwait(JdkClient client) throws Exception {
        client.close(1000, "");
        EVENTS.expect("close 1000");
    }
}
