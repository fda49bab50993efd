package io.wsconnector.tests.broadcast;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.wsconnector.runtime.TestServers;
import io.wsconnector.runtime.WebSocketServer;
import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.runtime.WebSocketSessions;
import io.wsconnector.testsupport.Await;
import io.wsconnector.testsupport.BackgroundReader;
import io.wsconnector.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The session registry ({@code server.sessions(...)}): a session is in it from just before {@code @OnOpen} to
 * just before {@code @OnClose}, and in no room after, however its connection ends. Under churn: many short
 * connections from several client threads, ending every way a client can end them, while another thread
 * broadcasts through the registry and moves sessions in and out of rooms; afterwards nothing is left (no
 * session, no room), every {@code @OnOpen} had exactly one {@code @OnClose}, no handler saw anything wrong and
 * the broadcasting thread never threw. And the endings the server starts: an idle timeout, the server's stop.
 *
 * <p>The churn counts, but does not assert, the close frames and protocol errors the server did not answer
 * with a close frame, and the sessions still seen in a room joined from another thread during their
 * {@code @OnClose}: two runtime bugs that {@link CloseWhileSendingTest} and {@link RoomsTest} test on their own.
 */
class SessionRegistryTest {
    private static final int CYCLES = 10_000;
    private static final int CLIENT_THREADS = 4;
    private static final String PATH = "/churn";
    private static final String OUTSIDE = ChurnEndpoint.OUTSIDE;
    /** How long the registry and the handlers may take to catch up once the clients are done. */
    private static final Duration SETTLE = Duration.ofSeconds(30);

    /** How the client ends a connection; cycle {@code n} uses {@code values()[n % 5]}. */
    private enum Ending {
        /** Close frame, then waits for the server's answer (a missing one is counted) and the end of TCP: 1000. */
        CLOSING_HANDSHAKE,
        /** Close frame 4000, then closes the socket without waiting: 4000 or 1006. */
        CLOSE_FRAME_WITHOUT_WAITING,
        /** Closes the socket without a close frame: 1006. */
        ABRUPT_TCP_CLOSE,
        /** Resets the TCP connection: 1006. */
        TCP_RESET,
        /** Sends an unmasked frame; the server fails the connection with 1002 (a missing close frame is counted). */
        PROTOCOL_ERROR
    }

    @Test
    @Timeout(300)
    void tenThousandConnectionsEndingEveryWayWhileBroadcastsAndRoomChangesRunLeaveNothingBehind() throws Exception {
        ChurnEndpoint.Tally tally = new ChurnEndpoint.Tally();
        WebSocketServer server = TestServers.start(builder -> builder.closeTimeout(Duration.ofSeconds(5)),
                new ChurnEndpoint_WebSocketEndpoint(() -> new ChurnEndpoint(tally)));
        try {
            WebSocketSessions registry = server.sessions(ChurnEndpoint.class);
            Broadcaster broadcaster = new Broadcaster(registry);
            Thread broadcasting = Thread.ofPlatform().name("churn-broadcaster").start(broadcaster);
            AtomicIntegerArray endings = new AtomicIntegerArray(Ending.values().length);
            AtomicInteger unanswered = new AtomicInteger();
            long start = System.nanoTime();

            ExecutorService clients = Executors.newFixedThreadPool(CLIENT_THREADS);
            try {
                List<Future<?>> threads = new ArrayList<>();
                for (int t = 0; t < CLIENT_THREADS; t++) {
                    int first = t;
                    threads.add(clients.submit(() -> {
                        for (int n = first; n < CYCLES; n += CLIENT_THREADS) {
                            cycle(server.port(), n, endings, unanswered);
                        }
                        return null;
                    }));
                }
                for (Future<?> thread : threads) {
                    thread.get(240, TimeUnit.SECONDS);
                }
            } finally {
                clients.shutdownNow();
                broadcaster.stop.set(true);
                broadcasting.join(TimeUnit.SECONDS.toMillis(30));
            }
            long cyclesMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            Await.until(() -> "an empty registry; left in it: " + registry.sessions(), SETTLE,
                    () -> registry.count() == 0);
            Await.until(() -> CYCLES + " @OnClose calls; " + tally.totalCloses() + " for " + tally.opens.size()
                    + " @OnOpen calls", SETTLE, () -> tally.totalCloses() >= CYCLES);
            System.out.println("Churn: " + CYCLES + " connections in " + cyclesMillis + " ms; "
                    + broadcaster.broadcasts.get() + " broadcasts queued " + broadcaster.recipients.get()
                    + " messages; " + broadcaster.outsideJoins.get() + " joins from the broadcasting thread; "
                    + unanswered.get() + " close frames or protocol errors not answered with a close frame; "
                    + tally.outsideMembershipInOnClose.get() + " times a session was seen in " + OUTSIDE
                    + " during its @OnClose");

            assertEquals(0, unanswered.get(), "close frames or protocol errors not answered with a close frame");
            assertEquals(0, tally.outsideMembershipInOnClose.get(), "sessions still in " + OUTSIDE + " during @OnClose");
            assertEquals(List.of(), List.copyOf(broadcaster.failures), "what the broadcasting thread threw");
            assertEquals(List.of(), List.copyOf(tally.problems), "what the handlers saw wrong");
            assertEquals(0, registry.count());
            assertEquals(List.of(), registry.sessions());
            assertEquals(Set.of(), registry.rooms(), "rooms left with members");
            assertEquals(0, registry.room(ChurnEndpoint.LOBBY).count());
            assertEquals(0, registry.room(OUTSIDE).count());

            assertEquals(CYCLES, tally.opens.size(), "sessions opened");
            for (Map.Entry<String, AtomicInteger> open : tally.opens.entrySet()) {
                assertEquals(1, open.getValue().get(), () -> "@OnOpen calls for " + open.getKey());
                AtomicInteger closes = tally.closes.get(open.getKey());
                assertEquals(1, closes == null ? 0 : closes.get(), () -> "@OnClose calls for " + open.getKey());
            }
            assertEquals(tally.opens.keySet(), tally.closes.keySet(), "@OnClose only for opened sessions");

            int handshakes = endings.get(Ending.CLOSING_HANDSHAKE.ordinal());
            int protocolErrors = endings.get(Ending.PROTOCOL_ERROR.ordinal());
            int withoutWaiting = endings.get(Ending.CLOSE_FRAME_WITHOUT_WAITING.ordinal());
            int abrupt = endings.get(Ending.ABRUPT_TCP_CLOSE.ordinal()) + endings.get(Ending.TCP_RESET.ordinal());
            assertEquals(handshakes, tally.closesWith(1000), () -> "codes: " + tally.closeCodes);
            assertEquals(protocolErrors, tally.closesWith(1002), () -> "codes: " + tally.closeCodes);
            assertTrue(tally.closesWith(4000) <= withoutWaiting, () -> "codes: " + tally.closeCodes);
            assertEquals(withoutWaiting + abrupt, tally.closesWith(4000) + tally.closesWith(1006),
                    () -> "codes: " + tally.closeCodes);
            assertEquals(CYCLES, tally.totalCloses(), () -> "codes: " + tally.closeCodes);
        } finally {
            TestServers.stop(server);
        }
    }

    @Test
    @Timeout(60)
    void anIdleTimeoutTakesTheSessionOutOfTheRegistryAndItsRoomsBeforeOnClose() throws Exception {
        ChurnEndpoint.Tally tally = new ChurnEndpoint.Tally();
        WebSocketServer server = TestServers.start(builder -> builder.idleTimeout(Duration.ofMillis(500)),
                new ChurnEndpoint_WebSocketEndpoint(() -> new ChurnEndpoint(tally)));
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.port(), PATH)) {
            WebSocketSessions registry = server.sessions(ChurnEndpoint.class);
            Await.until("the @OnOpen", SETTLE, () -> tally.opens.size() == 1);
            assertEquals(1, registry.count());
            assertEquals(1, registry.room(ChurnEndpoint.LOBBY).count());

            // no frame for the idle timeout: the endpoint has no @OnIdleTimeout, so the server closes with 1001
            RawWebSocketClient.Frame close = client.readFrame(RawWebSocketClient.TIMEOUT_MILLIS);
            assertEquals(1001, close.closeCode(), close::toString);
            client.sendClose(1001, "");

            Await.until("the @OnClose", SETTLE, () -> tally.totalCloses() == 1);
            assertEquals(1, tally.closesWith(1001), () -> "codes: " + tally.closeCodes);
            assertEquals(List.of(), List.copyOf(tally.problems), "what the handlers saw wrong");
            assertEquals(0, registry.count());
            assertEquals(Set.of(), registry.rooms());
        } finally {
            TestServers.stop(server);
        }
    }

    @Test
    @Timeout(60)
    void stoppingTheServerTakesEverySessionOutOfTheRegistryAndItsRoomsWithOneOnCloseEach() throws Exception {
        ChurnEndpoint.Tally tally = new ChurnEndpoint.Tally();
        WebSocketServer server = TestServers.start(new ChurnEndpoint_WebSocketEndpoint(() -> new ChurnEndpoint(tally)));
        WebSocketSessions registry = server.sessions(ChurnEndpoint.class);
        List<BackgroundReader> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                clients.add(BackgroundReader.start(RawWebSocketClient.connect(server.port(), PATH), "client-" + i));
            }
            Await.until(() -> "5 @OnOpen calls; " + tally.opens.size() + " so far", SETTLE, () -> tally.opens.size() == 5);
            assertEquals(5, registry.count());
            assertEquals(5, registry.room(ChurnEndpoint.LOBBY).count());

            server.stop();

            Await.until(() -> "5 @OnClose calls; " + tally.totalCloses() + " so far", SETTLE,
                    () -> tally.totalCloses() == 5);
            assertEquals(List.of(), List.copyOf(tally.problems), "what the handlers saw wrong");
            assertEquals(tally.opens.keySet(), tally.closes.keySet());
            tally.closes.forEach((id, closes) -> assertEquals(1, closes.get(), () -> "@OnClose calls for " + id));
            assertEquals(0, registry.count());
            assertEquals(Set.of(), registry.rooms());
            for (BackgroundReader client : clients) {
                client.awaitEnd(Duration.ofSeconds(10));
            }
        } finally {
            TestServers.stop(server);
            for (BackgroundReader client : clients) {
                client.close();
            }
        }
    }

    /** One connection: connect, maybe ask for room changes or a broadcast, and end it as cycle {@code n} says. */
    private static void cycle(int port, int n, AtomicIntegerArray endings, AtomicInteger unanswered)
            throws IOException {
        Ending ending = Ending.values()[n % Ending.values().length];
        RawWebSocketClient client = RawWebSocketClient.connect(port, PATH);
        try {
            switch (n / Ending.values().length % 4) {
                case 0 -> client.sendText("join:extra-" + n % 3);
                case 1 -> client.sendText("leave:" + ChurnEndpoint.LOBBY);
                case 2 -> client.sendText("say:hello from " + n);
                default -> {
                    // nothing: end right after the handshake
                }
            }
            switch (ending) {
                case CLOSING_HANDSHAKE -> {
                    client.sendClose(1000, "");
                    expectClose(client, 1000, unanswered);
                }
                case CLOSE_FRAME_WITHOUT_WAITING -> client.sendClose(4000, "bye");
                case ABRUPT_TCP_CLOSE -> {
                    // the socket is closed below
                }
                case TCP_RESET -> client.socket().setSoLinger(true, 0);
                case PROTOCOL_ERROR -> {
                    client.sendFrame(0x81, false, "unmasked".getBytes(StandardCharsets.UTF_8));
                    expectClose(client, 1002, unanswered);
                }
            }
            endings.incrementAndGet(ending.ordinal());
        } finally {
            client.close();
        }
    }

    /**
     * Reads frames, skipping the broadcasts, until the server's close frame, which must have this code, and then
     * the end of TCP. A connection that ends without a close frame is counted in {@code unanswered}, which must stay 0
     * (see {@link CloseWhileSendingTest}: the close frame must not be lost while a broadcast is being written).
     */
    private static void expectClose(RawWebSocketClient client, int code, AtomicInteger unanswered)
            throws IOException {
        for (int i = 0; i < 1_000_000; i++) {
            RawWebSocketClient.Frame frame;
            try {
                frame = client.readFrame();
            } catch (EOFException | SocketException e) {
                unanswered.incrementAndGet();
                return;
            }
            if (frame.opcode() == RawWebSocketClient.CLOSE) {
                assertEquals(code, frame.closeCode(), frame::toString);
                assertTrue(client.awaitEndOfStream(RawWebSocketClient.TIMEOUT_MILLIS), "no end of TCP");
                return;
            }
        }
        throw new AssertionError("no close frame among a million frames");
    }

    /**
     * Until stopped: broadcasts to the endpoint and its rooms (text and binary, with and without filters),
     * makes open sessions join and leave a room from this thread, and reads the registry; every exception is
     * kept. Paced, so that it leaves the client threads most of the machine.
     */
    private static final class Broadcaster implements Runnable {
        final AtomicBoolean stop = new AtomicBoolean();
        final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        final AtomicLong broadcasts = new AtomicLong();
        final AtomicLong recipients = new AtomicLong();
        final AtomicLong outsideJoins = new AtomicLong();
        private final WebSocketSessions registry;

        Broadcaster(WebSocketSessions registry) {
            this.registry = registry;
        }

        @Override
        public void run() {
            byte[] bytes = BroadcastEndpoint.pattern(64);
            for (long i = 0; !stop.get(); i++) {
                try {
                    switch ((int) (i % 8)) {
                        case 0 -> broadcast(registry.broadcastText("tick " + i));
                        case 1 -> broadcast(registry.room(ChurnEndpoint.LOBBY).broadcastText("lobby " + i));
                        case 2 -> broadcast(registry.broadcastBinary(bytes, session -> (session.id().hashCode() & 1) == 0));
                        case 3 -> broadcast(registry.room(ChurnEndpoint.roomOf(Long.toString(i)))
                                .broadcastBinary(ByteBuffer.wrap(bytes)));
                        case 4 -> {
                            for (WebSocketSession session : registry.sessions()) {
                                if (session.join(OUTSIDE)) {
                                    outsideJoins.incrementAndGet();
                                }
                            }
                        }
                        case 5 -> broadcast(registry.room(OUTSIDE).broadcastText("outside " + i, session -> true));
                        case 6 -> {
                            for (WebSocketSession session : registry.room(OUTSIDE).sessions()) {
                                session.leave(OUTSIDE);
                            }
                        }
                        default -> {
                            registry.rooms();
                            for (WebSocketSession session : registry.sessions()) {
                                registry.find(session.id());
                                session.rooms();
                            }
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
                LockSupport.parkNanos(200_000);
            }
        }

        private void broadcast(int reached) {
            broadcasts.incrementAndGet();
            recipients.addAndGet(reached);
        }
    }
}
