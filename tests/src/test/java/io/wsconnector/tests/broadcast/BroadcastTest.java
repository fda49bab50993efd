package io.wsconnector.tests.broadcast;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.wsconnector.runtime.TestServers;
import io.wsconnector.runtime.WebSocketServer;
import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.runtime.WebSocketSessions;
import io.wsconnector.tests.EchoEndpoint;
import io.wsconnector.tests.EchoEndpoint_WebSocketEndpoint;
import io.wsconnector.tests.Recorder;
import io.wsconnector.tests.RoomEndpoint;
import io.wsconnector.tests.RoomEndpoint_WebSocketEndpoint;
import io.wsconnector.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Broadcasts to the sessions of an endpoint: from {@code @OnOpen}, {@code @OnClose}, another session's handler
 * and threads outside any handler; with filters; what they return; binary and large messages. Each test has
 * its own server, so the registry holds only its clients.
 */
@Timeout(60)
class BroadcastTest {
    private static final String PATH = "/broadcast";
    private static final String ANNOUNCE = PATH + "?announce=true";

    /** A connected client and the server's session for it. */
    private record Client(RawWebSocketClient raw, WebSocketSession session) {
        String id() {
            return session.id();
        }
    }

    private final Recorder recorder = new Recorder();
    private final List<Client> clients = new ArrayList<>();
    private WebSocketServer server;
    private WebSocketSessions registry;

    @BeforeEach
    void startServer() {
        server = TestServers.start(new BroadcastEndpoint_WebSocketEndpoint(() -> new BroadcastEndpoint(recorder)),
                new EchoEndpoint_WebSocketEndpoint());
        registry = server.sessions(BroadcastEndpoint.class);
    }

    @AfterEach
    void stopServer() throws Exception {
        for (Client client : clients) {
            client.raw().close();
        }
        TestServers.stop(server);
    }

    private Client connect(String path) throws Exception {
        RawWebSocketClient raw = RawWebSocketClient.connect(server.port(), path);
        Client client = new Client(raw, recorder.nextOf(Recorder.Opened.class).session());
        clients.add(client);
        return client;
    }

    /**
     * Connects with {@code ?announce=true} and waits until {@code @OnOpen} has broadcast the announcement, so
     * that the next client's announcement is sent after it.
     */
    private Client connectAnnounced() throws Exception {
        Client client = connect(ANNOUNCE);
        Recorder.Outcome announced = nextOutcome();
        assertEquals(client.id(), announced.sessionId(), announced::toString);
        return client;
    }

    private List<Client> connect(int count) throws Exception {
        List<Client> connected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            connected.add(connect(PATH));
        }
        return connected;
    }

    private static Set<String> ids(List<Client> clients) {
        return clients.stream().map(Client::id).collect(Collectors.toSet());
    }

    /** The outcomes the endpoint recorded for this session, in order. */
    private List<String> outcomesOf(Client client) {
        return recorder.all(Recorder.Outcome.class).stream()
                .filter(outcome -> outcome.sessionId().equals(client.id()))
                .map(Recorder.Outcome::description)
                .toList();
    }

    /** Waits for the next outcome the endpoint recorded, skipping other events. */
    private Recorder.Outcome nextOutcome() throws InterruptedException {
        return recorder.nextOf(Recorder.Outcome.class);
    }

    @Test
    void aBroadcastFromOnOpenReachesEveryOpenSessionIncludingTheNewcomer() throws Exception {
        Client ada = connect(ANNOUNCE);
        assertEquals("joined " + ada.id(), ada.raw().readText(), "the newcomer is in the registry during @OnOpen");
        assertEquals(new Recorder.Outcome(ada.id(), "open broadcast reached 1"), nextOutcome());

        Client bob = connect(ANNOUNCE);
        assertEquals("joined " + bob.id(), ada.raw().readText());
        assertEquals("joined " + bob.id(), bob.raw().readText());
        assertEquals(new Recorder.Outcome(bob.id(), "open broadcast reached 2"), nextOutcome());

        Client eve = connect(ANNOUNCE);
        for (Client client : List.of(ada, bob, eve)) {
            assertEquals("joined " + eve.id(), client.raw().readText(), () -> "at " + client.id());
        }
        assertEquals(new Recorder.Outcome(eve.id(), "open broadcast reached 3"), nextOutcome());
        assertEquals(3, registry.count());
    }

    @Test
    void aBroadcastFromOnCloseReachesTheOthersButNotTheClosingSessionAndDoesNotThrow() throws Exception {
        Client ada = connectAnnounced();
        Client bob = connectAnnounced();
        Client eve = connectAnnounced();
        for (Client joined : List.of(ada, bob, eve)) {
            assertEquals("joined " + joined.id(), ada.raw().readText());
        }
        for (Client joined : List.of(bob, eve)) {
            assertEquals("joined " + joined.id(), bob.raw().readText());
        }
        assertEquals("joined " + eve.id(), eve.raw().readText());

        // a closing handshake: the closing client gets the answer to its close, and no "left" before it
        eve.raw().sendClose(1000, "bye");
        assertEquals(1000, eve.raw().readClose().closeCode());
        assertEquals("left " + eve.id(), ada.raw().readText());
        assertEquals("left " + eve.id(), bob.raw().readText());
        assertEquals(1000, closedOf(eve).statusCode());
        assertEquals("close broadcast reached 2", lastOutcomeOf(eve).description());

        // a TCP reset
        bob.raw().socket().setSoLinger(true, 0);
        bob.raw().close();
        assertEquals("left " + bob.id(), ada.raw().readText());
        assertEquals(1006, closedOf(bob).statusCode());
        assertEquals("close broadcast reached 1", lastOutcomeOf(bob).description());

        // a protocol error (an unmasked frame): the last one's broadcast reaches nobody, and does not throw
        ada.raw().sendFrame(0x81, false, "unmasked".getBytes(StandardCharsets.UTF_8));
        assertEquals(1002, ada.raw().readClose().closeCode());
        assertEquals(1002, closedOf(ada).statusCode());
        assertEquals("close broadcast reached 0", lastOutcomeOf(ada).description());

        assertEquals(0, registry.count());
        for (Client client : List.of(ada, bob, eve)) {
            assertFalse(outcomesOf(client).stream().anyMatch(outcome -> outcome.contains("threw")
                    || outcome.startsWith("error")), () -> "outcomes of " + client.id() + ": " + outcomesOf(client));
        }
    }

    /** Waits for this client's {@code @OnClose}. */
    private Recorder.Closed closedOf(Client client) throws InterruptedException {
        return recorder.closeOf(client.id());
    }

    /** This client's last outcome, once its {@code @OnClose} has run. */
    private Recorder.Outcome lastOutcomeOf(Client client) throws InterruptedException {
        closedOf(client);
        List<String> outcomes = outcomesOf(client);
        assertFalse(outcomes.isEmpty(), () -> "no outcome for " + client.id());
        return new Recorder.Outcome(client.id(), outcomes.getLast());
    }

    @Test
    void aBroadcastFromTheTestThreadReachesEverySessionAndReturnsHowManyItWasQueuedFor() throws Exception {
        List<Client> all = connect(3);

        assertEquals(3, registry.count());
        assertEquals(ids(all), registry.sessions().stream().map(WebSocketSession::id).collect(Collectors.toSet()));
        for (Client client : all) {
            assertSame(client.session(), registry.find(client.id()).orElseThrow());
        }
        assertTrue(registry.find("no-such-id").isEmpty());
        assertEquals(PATH, registry.path());
        assertSame(registry, server.sessions(PATH), "by class and by path: the same endpoint's registry");

        assertEquals(3, registry.broadcastText("from the test thread"));
        assertEquals(3, server.sessions(PATH).broadcastText("by path"));
        for (Client client : all) {
            assertEquals("from the test thread", client.raw().readText());
            assertEquals("by path", client.raw().readText());
        }
    }

    @Test
    void aBroadcastFromAScheduledTaskReachesEverySession() throws Exception {
        List<Client> all = connect(3);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            ScheduledFuture<Integer> task = scheduler.schedule(() -> registry.broadcastText("scheduled"),
                    10, TimeUnit.MILLISECONDS);

            assertEquals(3, task.get(10, TimeUnit.SECONDS));
        } finally {
            scheduler.shutdownNow();
        }
        for (Client client : all) {
            assertEquals("scheduled", client.raw().readText());
        }
    }

    @Test
    void aBroadcastFromAnotherSessionsHandlerReachesEverySessionIncludingTheSender() throws Exception {
        List<Client> all = connect(3);
        Client sender = all.getFirst();

        sender.raw().sendText("all:hello everyone");

        for (Client client : all) {
            assertEquals("hello everyone", client.raw().readText(), () -> "at " + client.id());
        }
        assertEquals(new Recorder.Outcome(sender.id(), "all reached 3"), nextOutcome());
    }

    @Test
    void aSendFromAnotherSessionsHandlerReachesThatSession() throws Exception {
        List<Client> all = connect(2);
        Client sender = all.get(0);
        Client target = all.get(1);

        sender.raw().sendText("to:" + target.id() + ":just for you");

        assertEquals("just for you", target.raw().readText());
        assertEquals("sent to " + target.id(), sender.raw().readText(), "the sender gets only its answer");
    }

    @Test
    void aFilterExcludingTheSenderReachesTheOthersAndTheCountSaysHowMany() throws Exception {
        List<Client> all = connect(3);
        Client sender = all.getFirst();

        sender.raw().sendText("others:not for the sender");

        assertEquals("others reached 2", sender.raw().readText(), "the sender gets only its answer");
        for (Client other : all.subList(1, 3)) {
            assertEquals("not for the sender", other.raw().readText());
        }

        // from outside, a filter that picks one session; the filter sees every open session once
        List<String> tested = new ArrayList<>();
        String chosen = all.get(2).id();
        assertEquals(1, registry.broadcastText("only you", session -> {
            tested.add(session.id());
            return session.id().equals(chosen);
        }));
        assertEquals(ids(all), Set.copyOf(tested));
        assertEquals(3, tested.size());
        assertEquals(0, registry.broadcastText("nobody", session -> false));
        // what each client gets next shows who got "only you" (nothing overtakes: one sending thread)
        assertEquals(3, registry.broadcastText("marker"));
        assertEquals("marker", all.get(0).raw().readText());
        assertEquals("marker", all.get(1).raw().readText());
        assertEquals("only you", all.get(2).raw().readText());
        assertEquals("marker", all.get(2).raw().readText());
    }

    @Test
    void aBinaryBroadcastArrivesByteExact() throws Exception {
        List<Client> all = connect(3);

        all.getFirst().raw().sendText("binary:300");
        for (Client client : all) {
            RawWebSocketClient.Frame frame = client.raw().readFrame();
            assertEquals(RawWebSocketClient.BINARY, frame.opcode(), frame::toString);
            assertArrayEquals(BroadcastEndpoint.pattern(300), frame.payload());
        }

        byte[] data = BroadcastEndpoint.pattern(1000);
        assertEquals(3, registry.broadcastBinary(data));
        data[0] = 42; // the array may be reused once the call returns
        ByteBuffer buffer = ByteBuffer.allocate(40);
        buffer.put(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}).flip().position(2);
        assertEquals(3, registry.broadcastBinary(buffer));
        assertEquals(2, buffer.position(), "the buffer's position is left alone");
        assertEquals(10, buffer.limit());
        ByteBuffer direct = ByteBuffer.allocateDirect(4).put(new byte[] {-1, 0, 1, 127}).flip();
        assertEquals(3, registry.broadcastBinary(direct));

        for (Client client : all) {
            assertArrayEquals(BroadcastEndpoint.pattern(1000), client.raw().readFrame().payload());
            assertArrayEquals(new byte[] {3, 4, 5, 6, 7, 8, 9, 10}, client.raw().readFrame().payload());
            assertArrayEquals(new byte[] {-1, 0, 1, 127}, client.raw().readFrame().payload());
        }
    }

    @Test
    void a200KiBBroadcastArrivesWholeToSeveralClients() throws Exception {
        List<Client> all = connect(4);
        Random random = new Random(200);
        byte[] binary = new byte[200 * 1024];
        random.nextBytes(binary);
        StringBuilder text = new StringBuilder(200 * 1024);
        List<String> alphabet = List.of("a", "b", "c", "d", "e", "f", " ", "é", "中", "😀", "0", "1", "2", "3");
        while (text.length() < 200 * 1024) {
            text.append(alphabet.get(random.nextInt(alphabet.size())));
        }
        String large = text.toString();

        assertEquals(4, registry.broadcastBinary(binary));
        assertEquals(4, registry.broadcastText(large));
        assertEquals(4, registry.broadcastText("after"));

        for (Client client : all) {
            RawWebSocketClient.Frame frame = client.raw().readFrame();
            assertEquals(RawWebSocketClient.BINARY, frame.opcode(), frame::toString);
            assertTrue(frame.fin(), "one whole frame");
            assertArrayEquals(binary, frame.payload(), () -> "binary at " + client.id());
            assertEquals(large, client.raw().readText(), () -> "text at " + client.id());
            assertEquals("after", client.raw().readText());
        }
    }

    @Test
    void aBroadcastWhenNobodyIsConnectedReachesNobody() throws Exception {
        assertEquals(0, registry.broadcastText("anyone?"));
        assertEquals(0, registry.broadcastBinary(new byte[] {1}));

        Client client = connect(PATH);
        client.raw().sendClose(1000, "");
        client.raw().readClose();
        closedOf(client);

        assertEquals(0, registry.count());
        assertEquals(List.of(), registry.sessions());
        assertEquals(0, registry.broadcastText("anyone now?"));
    }

    @Test
    void theRegistryOfAnEndpointHoldsOnlyThatEndpointsSessions() throws Exception {
        List<Client> all = connect(2);
        try (RawWebSocketClient echo = RawWebSocketClient.connect(server.port(), "/test/echo")) {
            assertEquals("echo", echo.sendText("echo").readText());

            assertEquals(2, registry.count());
            assertEquals(1, server.sessions(EchoEndpoint.class).count());
            assertEquals(1, server.sessions("/test/echo").broadcastText("to the echo endpoint only"));
            assertEquals("to the echo endpoint only", echo.readText());
        }
        assertEquals(2, registry.broadcastText("to the broadcast endpoint"));
        for (Client client : all) {
            assertEquals("to the broadcast endpoint", client.raw().readText());
        }
    }

    @Test
    void anEndpointWithAPathTemplateHasOneRegistryForAllItsPaths() throws Exception {
        WebSocketServer rooms = TestServers.start(new RoomEndpoint_WebSocketEndpoint());
        try (RawWebSocketClient first = RawWebSocketClient.connect(rooms.port(), "/rooms/lobby/1");
             RawWebSocketClient second = RawWebSocketClient.connect(rooms.port(), "/rooms/kitchen/2")) {
            assertEquals("lobby/1: up", first.sendText("up").readText());
            assertEquals("kitchen/2: up", second.sendText("up").readText());
            WebSocketSessions byTemplate = rooms.sessions("/rooms/{room}/{userId}");

            assertSame(byTemplate, rooms.sessions(RoomEndpoint.class));
            assertEquals(2, byTemplate.count());
            assertEquals(2, byTemplate.broadcastText("to every room"));
            assertEquals("to every room", first.readText());
            assertEquals("to every room", second.readText());
            assertThrows(IllegalArgumentException.class, () -> rooms.sessions("/rooms/lobby/1"),
                    "a concrete path is not the endpoint's path");
        } finally {
            TestServers.stop(rooms);
        }
    }

    @Test
    void askingForTheSessionsOfAnEndpointTheServerDoesNotServeThrows() {
        IllegalArgumentException byClass = assertThrows(IllegalArgumentException.class,
                () -> server.sessions(RoomsEndpoint.class));
        assertTrue(byClass.getMessage().contains(RoomsEndpoint.class.getName()), byClass::getMessage);
        IllegalArgumentException byPath = assertThrows(IllegalArgumentException.class,
                () -> server.sessions("/no/such/path"));
        assertTrue(byPath.getMessage().contains("/no/such/path"), byPath::getMessage);
    }
}
