package io.wsconnector.runtime;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.concurrent.CompletionStage;

import io.wsconnector.runtime.internal.AsyncReplies;
import io.wsconnector.runtime.protocol.IdleTimeouts;
import io.wsconnector.runtime.spi.WebSocketDispatcher;
import io.wsconnector.testsupport.JdkClient;
import io.wsconnector.testsupport.Timing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Idle timeouts: when no frame arrives for the endpoint's timeout, {@code onIdleTimeout} runs (by default
 * closing with 1001), never before the timeout; the timer starts again; it never runs during another
 * callback of the same connection; one thread per server checks them, and stops with the server.
 */
@Timeout(60)
class IdleTimeoutTest {
    /**
     * How early a timeout may look: the test's clock starts a little after the server's (once the connection is
     * set up, or the echo is back), so a timeout may seem this much early, no more.
     */
    private static final Duration EARLY = Duration.ofMillis(100);
    private static final Events EVENTS = new Events();
    /** Callbacks of the busy endpoint running right now: never more than one. */
    private static final AtomicInteger INSIDE = new AtomicInteger();
    private static final AtomicInteger OVERLAPS = new AtomicInteger();

    private static WebSocketServer server;

    @BeforeAll
    static void startServer() {
        server = TestServers.start(builder -> builder.idleTimeout(Duration.ofSeconds(30)),
                TestEndpoint.at("/kept", Keeping::new).idleTimeoutSeconds(1),
                TestEndpoint.at("/default", Echo::new).idleTimeoutSeconds(1),
                TestEndpoint.at("/busy", Busy::new).idleTimeoutSeconds(1));
    }

    @AfterAll
    static void stopServer() {
        TestServers.stop(server);
    }

    @BeforeEach
    void forgetEarlierEvents() {
        EVENTS.clear();
        OVERLAPS.set(0);
    }

    /** Echoes; the runtime's default onIdleTimeout closes with 1001. */
    private static class Echo implements WebSocketDispatcher {
        @Override
        public void onOpen(WebSocketSession session) {
            EVENTS.add("open");
        }

        @Override
        public CompletionStage<?> onTextMessage(WebSocketSession session, String message) {
            session.sendText("echo:" + message);
            return null;
        }

        @Override
        public void onClose(WebSocketSession session, int statusCode, String reason) {
            EVENTS.add("close " + statusCode);
        }
    }

    /** Records idle timeouts and keeps the connection open. */
    private static final class Keeping extends Echo {
        @Override
        public void onIdleTimeout(WebSocketSession session) {
            EVENTS.add("idle open=" + session.isOpen());
        }
    }

    /** Takes its time over messages, and counts callbacks that overlap. */
    private static final class Busy implements WebSocketDispatcher {
        @Override
        public CompletionStage<?> onTextMessage(WebSocketSession session, String message) throws Exception {
            enter();
            CompletionStage<?> pending = null;
            try {
                EVENTS.add("text start " + message);
                if (message.equals("fail-soon")) {
                    CompletableFuture<String> reply = new CompletableFuture<>();
                    CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS)
                            .execute(() -> reply.completeExceptionally(new IllegalArgumentException("async")));
                    pending = AsyncReplies.sendText(session, reply);
                }
                Thread.sleep(message.equals("sleep") ? 2500 : 300);
                EVENTS.add("text end " + message);
            } finally {
                INSIDE.decrementAndGet();
            }
            return pending;
        }

        @Override
        public void onIdleTimeout(WebSocketSession session) {
            enter();
            try {
                EVENTS.add("idle");
            } finally {
                INSIDE.decrementAndGet();
            }
        }

        @Override
        public boolean onError(WebSocketSession session, Throwable error) {
            enter();
            try {
                EVENTS.add("error " + error.getMessage());
                return true;
            } finally {
                INSIDE.decrementAndGet();
            }
        }

        private static void enter() {
            if (INSIDE.incrementAndGet() != 1) {
                OVERLAPS.incrementAndGet();
            }
        }
    }

    @Test
    void onIdleTimeoutRunsWithinTheTimeoutAndTheTimerStartsAgain() throws Exception {
        JdkClient client = JdkClient.connect(TestServers.uri(server, "/kept"));
        long connected = System.nanoTime();
        EVENTS.expect("open");

        EVENTS.expect("idle open=true");
        long first = System.nanoTime();
        assertAfter("the first idle timeout after connecting", Duration.ofSeconds(1), connected, first);

        EVENTS.expect("idle open=true");
        long second = System.nanoTime();
        assertAfter("the timer started again: the second idle timeout", Duration.ofSeconds(1), first, second);

        assertEquals("echo:still open", client.send("still open").awaitText(), "the connection stays open");
        client.close(1000, "");
        EVENTS.nextStartingWith("close");
    }

    @Test
    void withoutOnIdleTimeoutAnIdleConnectionIsClosedWith1001() throws Exception {
        JdkClient client = JdkClient.connect(TestServers.uri(server, "/default"));
        long connected = System.nanoTime();

        JdkClient.Close close = client.awaitClose();
        assertEquals(1001, close.statusCode(), close::toString);
        assertAfter("the 1001 close", Duration.ofSeconds(1), connected, System.nanoTime());
        EVENTS.expect("open");
        EVENTS.expect("close 1001");
    }

    @Test
    void framesKeepAConnectionFromBeingIdle() throws Exception {
        JdkClient client = JdkClient.connect(TestServers.uri(server, "/kept"));
        EVENTS.expect("open");

        long lastFrame = 0;
        for (int i = 0; i < 8; i++) {
            if (i > 0) {
                Thread.sleep(300);
            }
            lastFrame = System.nanoTime();
            assertEquals("echo:" + i, client.send(String.valueOf(i)).awaitText());
        }
        // an idle timeout during the 2.1 s of messages would be taken here at once, and fail the lower bound
        EVENTS.expect("idle open=true");
        assertAfter("idle after the last message", Duration.ofSeconds(1), lastFrame, System.nanoTime());
        client.close(1000, "");
        EVENTS.nextStartingWith("close");
    }

    @Test
    void theServersIdleTimeoutAppliesToEndpointsWithoutTheirOwn() throws Exception {
        WebSocketServer withDefault = TestServers.start(builder -> builder.idleTimeout(Duration.ofMillis(1500)),
                TestEndpoint.at("/default", Echo::new));
        try {
            JdkClient client = JdkClient.connect(TestServers.uri(withDefault, "/default"));
            long connected = System.nanoTime();

            JdkClient.Close close = client.awaitClose();
            assertEquals(1001, close.statusCode(), close::toString);
            assertAfter("the server's idle timeout", Duration.ofMillis(1500), connected, System.nanoTime());
            EVENTS.expect("open");
            EVENTS.expect("close 1001");
        } finally {
            withDefault.stop();
        }
    }

    @Test
    void anIdleTimeoutWaitsForTheCallbackInProgressAndFailuresFromOtherThreadsToo() throws Exception {
        JdkClient client = JdkClient.connect(TestServers.uri(server, "/busy"));
        client.send("sleep"); // 2.5 s in the handler: the idle timeout falls due meanwhile

        EVENTS.expect("text start sleep");
        EVENTS.expect("text end sleep");
        EVENTS.expect("idle");

        client.send("fail-soon"); // the stage fails on another thread while the handler still runs
        EVENTS.expect("text start fail-soon");
        EVENTS.expect("text end fail-soon");
        EVENTS.expect("error async");
        assertEquals(0, OVERLAPS.get(), () -> "callbacks overlapped: " + EVENTS.all());
        client.close(1000, "");
    }

    @Test
    void oneThreadChecksIdleTimeoutsAndItStopsWithTheServer() throws Exception {
        Set<Thread> before = idleThreads();
        WebSocketServer withIdle = TestServers.start(builder -> builder.idleTimeout(Duration.ofSeconds(5)),
                TestEndpoint.at("/default", Echo::new));
        Set<Thread> started;
        try {
            started = idleThreads();
            started.removeAll(before);
            assertEquals(1, started.size(), () -> "new idle threads: " + started);
            for (int i = 0; i < 5; i++) {
                JdkClient.connect(TestServers.uri(withIdle, "/default"));
                EVENTS.expect("open");
            }
            Set<Thread> withConnections = idleThreads();
            withConnections.removeAll(before);
            assertEquals(started, withConnections, "no thread per connection");
        } finally {
            withIdle.stop();
        }
        assertTrue(started.stream().noneMatch(Thread::isAlive), () -> "still running: " + started);
    }

    @Test
    void aServerWithoutIdleTimeoutsStartsNoThread() {
        Set<Thread> before = idleThreads();
        WebSocketServer withoutIdle = TestServers.start(TestEndpoint.at("/default", Echo::new));
        try {
            Set<Thread> after = idleThreads();
            after.removeAll(before);
            assertEquals(Set.of(), after);
        } finally {
            withoutIdle.stop();
        }
    }

    @Test
    void helidonsOwnIdleLimitIsRaisedAboveTheLongestIdleTimeout() {
        AtomicReference<Duration> helidonLimit = new AtomicReference<>();
        TestServers.builder(builder -> builder.idleTimeout(Duration.ofSeconds(30))
                        .webServer(config -> helidonLimit.set(config.idleConnectionTimeout())),
                TestEndpoint.at("/long", Echo::new).idleTimeoutSeconds(600)).build();
        assertEquals(Duration.ofMinutes(11), helidonLimit.get(), "600 s + 1 min: onIdleTimeout runs first");

        TestServers.builder(builder -> builder.webServer(config -> helidonLimit.set(config.idleConnectionTimeout())),
                TestEndpoint.at("/none", Echo::new)).build();
        assertEquals(Duration.ofMinutes(5), helidonLimit.get(), "Helidon's default, untouched without idle timeouts");
    }

    private static Set<Thread> idleThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(IdleTimeouts.THREAD_NAME))
                .collect(Collectors.toSet());
    }

    /** Never early (but for {@link #EARLY}), and late by at most {@link Timing#LATE}. */
    private static void assertAfter(String what, Duration timeout, long startNanos, long endNanos) {
        Timing.assertAfter(what, timeout, EARLY, startNanos, endNanos);
    }
}
