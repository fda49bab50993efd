package io.wsconnector.tests.broadcast;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import io.wsconnector.runtime.TestServers;
import io.wsconnector.runtime.WebSocketRoom;
import io.wsconnector.runtime.WebSocketServer;
import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.runtime.WebSocketSessions;
import io.wsconnector.tests.Recorder;
import io.wsconnector.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rooms: joining and leaving (from the session's handlers and from other threads), what a room broadcast
 * reaches, and that a session that closes, however it closes, leaves every room. Each test has its own
 * server.
 */
@Timeout(60)
class RoomsTest {
    private static final String PATH = "/room-members";

    /** A connected client and the server's session for it. */
    private record Client(RawWebSocketClient raw, WebSocketSession session) {
        String id() {
            return session.id();
        }

        /** Sends a command and returns the answer. */
        String ask(String command) throws Exception {
            raw.sendText(command);
            return raw.readText();
        }
    }

    private final Recorder recorder = new Recorder();
    private final List<Client> clients = new ArrayList<>();
    private WebSocketServer server;
    private WebSocketSessions registry;

    @BeforeEach
    void startServer() {
        server = TestServers.start(new RoomsEndpoint_WebSocketEndpoint(() -> new RoomsEndpoint(recorder)));
        registry = server.sessions(RoomsEndpoint.class);
    }

    @AfterEach
    void stopServer() throws Exception {
        for (Client client : clients) {
            client.raw().close();
        }
        TestServers.stop(server);
    }

    private Client connect() throws Exception {
        RawWebSocketClient raw = RawWebSocketClient.connect(server.port(), PATH);
        Client client = new Client(raw, recorder.nextOf(Recorder.Opened.class).session());
        clients.add(client);
        return client;
    }

    /** Waits for this client's {@code @OnClose}. */
    private Recorder.Closed closedOf(Client client) throws InterruptedException {
        return recorder.closeOf(client.id());
    }

    /** What the endpoint saw in this client's {@code @OnClose}, once it ran. */
    private String seenInOnClose(Client client) throws InterruptedException {
        closedOf(client);
        return recorder.all(Recorder.Outcome.class).stream()
                .filter(outcome -> outcome.sessionId().equals(client.id()))
                .map(Recorder.Outcome::description)
                .filter(description -> description.startsWith("in @OnClose"))
                .findFirst()
                .orElseThrow();
    }

    /** Sends a marker to the whole endpoint and checks that it is the next thing each client reads. */
    private void assertNothingElseArrived(Client... quiet) throws Exception {
        registry.broadcastText("marker");
        for (Client client : quiet) {
            assertEquals("marker", client.raw().readText(), () -> "something arrived at " + client.id());
        }
    }

    @Test
    void joinLeaveAndRoomsTrackWhichRoomsASessionIsIn() throws Exception {
        Client ada = connect();

        assertEquals("rooms []", ada.ask("rooms"));
        assertEquals(Set.of(), registry.rooms());
        assertEquals("join red true", ada.ask("join:red"));
        assertEquals("join red false", ada.ask("join:red"), "joining a room it is in does nothing");
        assertEquals("join blue true", ada.ask("join:blue"));
        assertEquals("rooms [blue, red]", ada.ask("rooms"));
        assertEquals(Set.of("red", "blue"), ada.session().rooms());
        assertEquals(Set.of("red", "blue"), registry.rooms());
        WebSocketRoom red = registry.room("red");
        assertEquals("red", red.name());
        assertEquals(1, red.count());
        assertEquals(List.of(ada.session()), red.sessions());

        assertEquals("leave red true", ada.ask("leave:red"));
        assertEquals("leave red false", ada.ask("leave:red"));
        assertEquals("leave green false", ada.ask("leave:green"), "a room it never joined");
        assertEquals("rooms [blue]", ada.ask("rooms"));
        assertEquals(Set.of("blue"), registry.rooms(), "a room without members is gone");
        assertEquals(0, red.count(), "the room object is a live view");
        assertEquals(List.of(), red.sessions());
    }

    @Test
    void aSessionJoinsAndLeavesFromAThreadOutsideItsHandlers() throws Exception {
        Client ada = connect();
        Client bob = connect();
        assertEquals("join blue true", ada.ask("join:blue"));

        assertTrue(bob.session().join("blue"), "joined from the test thread");
        assertFalse(bob.session().join("blue"));
        assertEquals("rooms [blue]", bob.ask("rooms"), "the session's handlers see it");
        assertEquals(2, registry.room("blue").count());
        assertEquals(Set.of(ada.session(), bob.session()), Set.copyOf(registry.room("blue").sessions()));

        assertTrue(ada.session().leave("blue"), "left from the test thread");
        assertEquals("rooms []", ada.ask("rooms"));
        assertEquals(List.of(bob.session()), registry.room("blue").sessions());
    }

    @Test
    void aRoomBroadcastReachesItsMembersOnlyAndReturnsHowMany() throws Exception {
        Client ada = connect();
        Client bob = connect();
        Client eve = connect();
        Client joe = connect();
        ada.ask("join:red");
        bob.ask("join:red");
        eve.ask("join:blue");

        assertEquals(2, registry.room("red").broadcastText("to red"));
        assertEquals(2, registry.room("red").broadcastBinary(new byte[] {7, 7}));
        assertEquals(1, registry.room("red").broadcastText("to red but not ada", session -> session != ada.session()));
        assertEquals(0, registry.room("nobody-here").broadcastText("to an empty room"));

        assertEquals("to red", ada.raw().readText());
        assertEquals("to red", bob.raw().readText());
        assertEquals(2, ada.raw().readFrame().payload().length);
        assertEquals(2, bob.raw().readFrame().payload().length);
        assertEquals("to red but not ada", bob.raw().readText());
        assertNothingElseArrived(ada, bob, eve, joe);

        // from a member's handler: the member gets its own broadcast before its answer
        assertEquals("to red from ada", ada.ask("say:red:to red from ada"));
        assertEquals("said in red to 2", ada.raw().readText());
        assertEquals("to red from ada", bob.raw().readText());
        // from the handler of a session that is not a member
        assertEquals("said in red to 2", joe.ask("say:red:to red from joe"));
        assertEquals("to red from joe", ada.raw().readText());
        assertEquals("to red from joe", bob.raw().readText());
        assertNothingElseArrived(ada, bob, eve, joe);
    }

    @Test
    void twoRoomsAreIsolatedAndAMemberOfBothGetsBoth() throws Exception {
        Client red = connect();
        Client blue = connect();
        Client both = connect();
        red.ask("join:red");
        blue.ask("join:blue");
        both.ask("join:red");
        both.ask("join:blue");

        assertEquals(2, registry.room("red").broadcastText("red 1"));
        assertEquals(2, registry.room("blue").broadcastText("blue 1"));
        assertEquals(2, registry.room("red").broadcastText("red 2"));

        assertEquals("red 1", red.raw().readText());
        assertEquals("red 2", red.raw().readText());
        assertEquals("blue 1", blue.raw().readText());
        assertEquals("red 1", both.raw().readText());
        assertEquals("blue 1", both.raw().readText());
        assertEquals("red 2", both.raw().readText());
        assertNothingElseArrived(red, blue, both);
    }

    @Test
    void aSessionClosedWithACloseFrameLeavesAllItsRooms() throws Exception {
        Client ada = connect();
        Client bob = connect();
        ada.ask("join:red");
        ada.ask("join:blue");
        bob.ask("join:red");

        ada.raw().sendClose(1000, "");
        assertEquals(1000, ada.raw().readClose().closeCode());

        assertEquals("in @OnClose: rooms [], listed in [], in the registry false", seenInOnClose(ada));
        assertEquals(1, registry.room("red").count());
        assertEquals(List.of(bob.session()), registry.room("red").sessions());
        assertEquals(0, registry.room("blue").count());
        assertEquals(Set.of("red"), registry.rooms(), "the room left empty is gone");
        assertEquals(Set.of(), ada.session().rooms());
        assertEquals(1, registry.room("red").broadcastText("still here"));
        assertEquals("still here", bob.raw().readText());
    }

    @Test
    void aSessionWhoseTcpConnectionEndsAbruptlyLeavesAllItsRooms() throws Exception {
        Client ada = connect();
        Client bob = connect();
        ada.ask("join:red");
        ada.ask("join:green");
        bob.ask("join:red");
        bob.ask("join:blue");

        ada.raw().close(); // no close frame
        bob.raw().socket().setSoLinger(true, 0);
        bob.raw().close(); // a TCP reset

        assertEquals(1006, closedOf(ada).statusCode());
        assertEquals(1006, closedOf(bob).statusCode());
        assertEquals("in @OnClose: rooms [], listed in [], in the registry false", seenInOnClose(ada));
        assertEquals("in @OnClose: rooms [], listed in [], in the registry false", seenInOnClose(bob));
        assertEquals(Set.of(), registry.rooms());
        for (String room : List.of("red", "green", "blue")) {
            assertEquals(0, registry.room(room).count(), room);
            assertEquals(0, registry.room(room).broadcastText("anyone?"), room);
        }
        assertEquals(0, registry.count());
    }

    /**
     * A thread outside the handlers keeps making a session join and leave a room while the client closes: by
     * the time {@code @OnClose} runs, the session is in no room ("leaves all its rooms when it closes"), and no
     * room lists it.
     */
    @Test
    void aSessionThatAnotherThreadJoinsToARoomAsItClosesIsInNoRoomDuringOnClose() throws Exception {
        int connections = 300;
        for (int i = 0; i < connections; i++) {
            Client client = connect();
            AtomicBoolean stop = new AtomicBoolean();
            Thread joiner = Thread.ofPlatform().start(() -> {
                while (!stop.get()) {
                    client.session().join("race");
                    client.session().leave("race");
                }
            });
            try {
                client.raw().socket().setSoLinger(true, 0);
                client.raw().close();
                String seen = seenInOnClose(client);
                int connection = i;
                assertEquals("in @OnClose: rooms [], listed in [], in the registry false", seen,
                        () -> "connection " + connection);
            } finally {
                stop.set(true);
                joiner.join();
            }
        }
        assertEquals(Set.of(), registry.rooms());
    }

    @Test
    void aClosedSessionCannotJoinAndHasNothingToLeave() throws Exception {
        Client ada = connect();
        ada.ask("join:red");
        ada.raw().sendClose(1000, "");
        ada.raw().readClose();
        closedOf(ada);

        assertFalse(ada.session().join("red"), "join after close");
        assertFalse(ada.session().join("blue"), "join after close");
        assertFalse(ada.session().leave("red"));
        assertEquals(Set.of(), ada.session().rooms());
        assertEquals(Set.of(), registry.rooms());
        assertEquals(0, registry.room("blue").count());
    }
}
