package io.wsconnector.sample.chat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.wsconnector.runtime.WebSocketServer;
import io.wsconnector.testsupport.Await;
import io.wsconnector.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chat over real sockets: a server on a free port, JDK WebSocket and HTTP clients, and a plain
 * socket for a client that vanishes. Each test uses rooms of its own, so that tests do not hear each
 * other; tests that count every session or room start a server of their own.
 */
class ChatServerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static WebSocketServer server;
    private static int port;

    @BeforeAll
    static void start() {
        server = ChatServer.start(0, "secret", ChatServer.DEFAULT_IDLE_TIMEOUT);
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void refusesAMissingOrWrongTokenWith401() throws Exception {
        assertEquals(401, ChatClient.refusedStatus(port, "auth", ""));
        assertEquals(401, ChatClient.refusedStatus(port, "auth", "nick=ada"));
        assertEquals(401, ChatClient.refusedStatus(port, "auth", "token=&nick=ada"));
        assertEquals(401, ChatClient.refusedStatus(port, "auth", "token=Secret&nick=ada"));
        assertEquals(401, ChatClient.refusedStatus(port, "auth", "token=secret2"));
    }

    @Test
    void refusesAnInvalidNickWith400() throws Exception {
        assertEquals(400, ChatClient.refusedStatus(port, "auth", "token=secret&nick="));
        assertEquals(400, ChatClient.refusedStatus(port, "auth", "token=secret&nick=a%20b"));
        assertEquals(400, ChatClient.refusedStatus(port, "auth", "token=secret&nick=" + "x".repeat(25)));
    }

    @Test
    void aRefusedClientNeverJoins() throws Exception {
        try (ChatClient ada = ChatClient.join(port, "quiet", "ada")) {
            assertEquals(401, ChatClient.refusedStatus(port, "quiet", "token=wrong&nick=mallory"));
            ada.say("anyone?");
            ada.expect("ada: anyone?"); // and no "* mallory joined quiet" before it
        }
    }

    @Test
    void membersOfARoomHearEachOtherAndNobodyElse() throws Exception {
        try (ChatClient ada = ChatClient.join(port, "lobby", "ada");
             ChatClient carol = ChatClient.join(port, "kitchen", "carol")) {
            ChatClient bob = ChatClient.join(port, "lobby", "bob");
            ada.expect("* bob joined lobby");

            ada.say("hello bob");
            ada.expect("ada: hello bob");
            bob.expect("ada: hello bob");
            bob.say("hi ada");
            bob.expect("bob: hi ada");
            ada.expect("bob: hi ada");

            bob.close();
            ada.expect("* bob left lobby");

            carol.say("anyone here?");
            carol.expect("carol: anyone here?");
            assertTrue(carol.unread().isEmpty(), "carol heard " + carol.unread());
            assertTrue(ada.unread().isEmpty(), "ada heard " + ada.unread());
        }
    }

    @Test
    void theSameRoomNameInAnotherCaseIsAnotherRoom() throws Exception {
        try (ChatClient upper = ChatClient.join(port, "Case", "upper");
             ChatClient lower = ChatClient.join(port, "case", "lower")) {
            upper.say("x");
            upper.expect("upper: x");
            lower.say("y");
            lower.expect("lower: y");
            assertTrue(upper.unread().isEmpty(), "upper heard " + upper.unread());
        }
    }

    @Test
    void aClientWithoutNickIsAGuest() throws Exception {
        try (ChatClient guest = ChatClient.connect(ChatClient.uri(port, "guests", "token=secret"))) {
            String joined = guest.next();
            assertTrue(joined.matches("\\* guest-[0-9a-z]+ joined guests"), joined); // guest-<session id>
            String nick = joined.split(" ")[1];
            guest.say("who am I?");
            guest.expect(nick + ": who am I?");
        }
    }

    @Test
    void aNickMayBeAnyLanguage() throws Exception {
        try (ChatClient client = ChatClient.connect(ChatClient.uri(port, "caf%C3%A9", "token=secret&nick=J%C3%BCrgen"))) {
            client.expect("* Jürgen joined café");
        }
    }

    @Test
    void anAvatarIsAnnouncedAndCanBeFetched() throws Exception {
        byte[] avatar = new byte[ChatRoom.MAX_AVATAR_BYTES];
        new Random(7).nextBytes(avatar);
        try (ChatClient ada = ChatClient.join(port, "avatars", "ada");
             ChatClient bob = ChatClient.join(port, "avatars", "bob")) {
            ada.expect("* bob joined avatars");
            ada.send(avatar);
            ada.expect("* ada has a new avatar (65536 bytes): /avatar ada");
            bob.expect("* ada has a new avatar (65536 bytes): /avatar ada");

            bob.say("/avatar ada");
            assertArrayEquals(avatar, bob.nextBinary());
            assertTrue(ada.unread().isEmpty(), "a command is not relayed, but ada heard " + ada.unread());
        }
    }

    @Test
    void aTooLargeAvatarGetsAnErrorAndTheConnectionStaysOpen() throws Exception {
        try (ChatClient ada = ChatClient.join(port, "big", "ada")) {
            ada.send(new byte[ChatRoom.MAX_AVATAR_BYTES + 1]);
            ada.expect("! an avatar has at most 65536 bytes, not 65537");
            ada.say("/avatar ada");
            ada.expect("! nobody called ada with an avatar in big");
            ada.say("still here");
            ada.expect("ada: still here");
        }
    }

    @Test
    void badCommandsGetAnError() throws Exception {
        try (ChatClient ada = ChatClient.join(port, "commands", "ada")) {
            ada.say("/avatar");
            ada.expect("! usage: /avatar NICK");
            ada.say("/avatar bob");
            ada.expect("! nobody called bob with an avatar in commands");
        }
    }

    @Test
    void anAvatarIsOnlyServedToItsRoom() throws Exception {
        try (ChatClient ada = ChatClient.join(port, "here", "ada");
             ChatClient bob = ChatClient.join(port, "there", "bob")) {
            ada.send(new byte[] {1, 2, 3});
            ada.expect("* ada has a new avatar (3 bytes): /avatar ada");
            bob.say("/avatar ada");
            bob.expect("! nobody called ada with an avatar in there");
        }
    }

    @Test
    void anIdleClientIsAskedThenDisconnected() throws Exception {
        WebSocketServer quick = ChatServer.start(0, "secret", Duration.ofSeconds(1));
        try (ChatClient watcher = ChatClient.join(quick.port(), "idle", "watcher")) {
            long start = System.nanoTime();
            ChatClient sleeper = ChatClient.join(quick.port(), "idle", "sleeper");
            watcher.expect("* sleeper joined idle");

            sleeper.expect("* still there? Say something, or you will be disconnected");
            long warned = System.nanoTime();
            watcher.say("I am awake"); // so that the watcher is not disconnected too
            assertEquals(1001, sleeper.awaitClose().statusCode());
            long closed = System.nanoTime();
            assertTrue(warned - start >= TimeUnit.MILLISECONDS.toNanos(900),
                    "warned after " + (warned - start) / 1_000_000 + " ms");
            // measured from the start, not from the warning: its arrival here may be late on a busy machine
            assertTrue(closed - start >= TimeUnit.MILLISECONDS.toNanos(1800),
                    "closed " + (closed - start) / 1_000_000 + " ms after joining: two idle timeouts are 2,000 ms");

            List<String> heard = new ArrayList<>();
            while (!heard.contains("* sleeper left idle")) {
                heard.add(watcher.next());
            }
            assertTrue(heard.contains("watcher: I am awake"), heard.toString());
        } finally {
            quick.stop();
        }
    }

    @Test
    void aMessageAfterTheIdleWarningKeepsTheClient() throws Exception {
        WebSocketServer quick = ChatServer.start(0, "secret", Duration.ofSeconds(1));
        try (ChatClient ada = ChatClient.join(quick.port(), "awake", "ada")) {
            ada.expect("* still there? Say something, or you will be disconnected");
            ada.say("yes!");
            ada.expect("ada: yes!");
            ada.expect("* still there? Say something, or you will be disconnected"); // asked again, not closed
            assertTrue(ada.isOpen(), () -> "closed; heard " + ada.unread());
        } finally {
            quick.stop();
        }
    }

    @Test
    void joinsAndLeavesAreAnnouncedToTheRoomOnly() throws Exception {
        try (ChatClient ada = ChatClient.join(port, "north", "ada");
             ChatClient carol = ChatClient.join(port, "south", "carol")) {
            ChatClient bob = ChatClient.join(port, "north", "bob");
            ada.expect("* bob joined north");
            ChatClient dave = ChatClient.join(port, "south", "dave");
            carol.expect("* dave joined south");

            bob.close();
            ada.expect("* bob left north");
            dave.close();
            carol.expect("* dave left south");

            ada.say("/who");
            ada.expect("* in north (1): ada");
            assertTrue(ada.unread().isEmpty(), "ada heard " + ada.unread());
            assertTrue(carol.unread().isEmpty(), "carol heard " + carol.unread());
        }
    }

    @Test
    void whoListsTheNicksInTheRoom() throws Exception {
        try (ChatClient ada = ChatClient.join(port, "who", "ada");
             ChatClient bob = ChatClient.join(port, "who", "bob");
             ChatClient elsewhere = ChatClient.join(port, "who-not", "carol")) {
            ada.expect("* bob joined who");
            bob.say("/who");
            bob.expect("* in who (2): ada, bob");
            elsewhere.say("/who");
            elsewhere.expect("* in who-not (1): carol");
            assertTrue(ada.unread().isEmpty(), "a command is answered to its sender only, but ada heard " + ada.unread());
        }
    }

    @Test
    void roomsListsEveryRoomWithItsMembers() throws Exception {
        try (WebSocketServer own = ChatServer.start(0, "secret", ChatServer.DEFAULT_IDLE_TIMEOUT);
             ChatClient ada = ChatClient.join(own.port(), "lobby", "ada");
             ChatClient bob = ChatClient.join(own.port(), "lobby", "bob");
             ChatClient carol = ChatClient.join(own.port(), "kitchen", "carol")) {
            ada.expect("* bob joined lobby");
            carol.say("/rooms");
            carol.expect("* rooms (2): kitchen (1), lobby (2)");

            bob.close();
            ada.expect("* bob left lobby");
            ada.say("/rooms");
            ada.expect("* rooms (2): kitchen (1), lobby (1)");
            carol.close(); // nobody hears it in lobby: wait until the server has let her go
            Await.until("the kitchen to empty", Await.TIMEOUT,
                    () -> own.sessions(ChatRoom.class).room("kitchen").count() == 0);
            ada.say("/rooms");
            ada.expect("* rooms (1): lobby (1)"); // an empty room is gone
        }
    }

    @Test
    void anUnknownCommandOrTextThatIsNotAChatMessageGetsAnErrorAndIsNotRelayed() throws Exception {
        try (ChatClient ada = ChatClient.join(port, "unknown", "ada");
             ChatClient bob = ChatClient.join(port, "unknown", "bob")) {
            ada.expect("* bob joined unknown");
            ada.say("/shout hello");
            ada.expect("! unknown command; try /who, /rooms, /avatar NICK");
            ada.sendRaw("hello, not in JSON");
            ada.expect("! not a chat message: send {\"type\":\"say\",\"text\":\"...\"}");
            ada.say("/who extra words");
            ada.expect("* in unknown (2): ada, bob");
            assertTrue(bob.unread().isEmpty(), "bob heard " + bob.unread());
        }
    }

    /**
     * A client that goes away without a close frame: its TCP connection ends with FIN (a crashed
     * program, a closed laptop lid that the OS tidies up) or with RST (SO_LINGER 0, as a killed process
     * or a NAT timeout may).
     */
    @ParameterizedTest(name = "TCP {0}")
    @ValueSource(strings = {"FIN", "RST"})
    void aClientThatVanishesWithoutACloseFrameLeavesItsRoom(String how) throws Exception {
        String room = "vanish-" + how;
        try (ChatClient ada = ChatClient.join(port, room, "ada")) {
            RawWebSocketClient vanisher = rawJoin(port, room, "vanisher");
            ada.expect("* vanisher joined " + room);
            assertEquals(2, server.sessions(ChatRoom.class).room(room).count());

            if (how.equals("RST")) {
                vanisher.socket().setSoLinger(true, 0);
            }
            vanisher.close(); // no close frame

            ada.expect("* vanisher left " + room);
            // @OnClose runs after the session left the registry: by the time "left" is heard, it is out
            assertEquals(1, server.sessions(ChatRoom.class).room(room).count());
            ada.say("/who");
            ada.expect("* in " + room + " (1): ada");
        }
    }

    @Test
    void thePageIsServedAtTheRootWithTheDevToken() throws Exception {
        HttpResponse<String> page = get(port, "/");
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=UTF-8", page.headers().firstValue("Content-Type").orElse(null));
        String html = page.body();
        assertTrue(html.startsWith("<!doctype html>"), html.substring(0, Math.min(80, html.length())));
        assertTrue(html.contains("<meta name=\"chat-token\" content=\"secret\">"), "the dev token is filled in");
        assertTrue(html.contains("location.host"), "the page connects to its own origin");
        assertTrue(html.contains("/chat/\" + encodeURIComponent(room)"), "the page connects to the chat path");
        assertFalse(html.contains("innerHTML"), "text goes in as text, not as markup");
        assertFalse(html.contains("<script src") || html.contains("<link "), "the page loads nothing else");
    }

    @Test
    void thePageAsksForAnyOtherToken() throws Exception {
        try (WebSocketServer own = ChatServer.start(0, "t0k-of-mine", ChatServer.DEFAULT_IDLE_TIMEOUT)) {
            HttpResponse<String> page = get(own.port(), "/");
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<meta name=\"chat-token\" content=\"\">"));
            assertFalse(page.body().contains("t0k-of-mine"), "a real token is not handed to whoever loads the page");
        }
    }

    @Test
    void thePageCanConnectFromItsOriginAndOtherOriginsCannot() throws Exception {
        // what a browser sends from http://localhost:<port>/
        URI chat = ChatClient.uri(port, "browser", "token=secret&nick=ada");
        try (ChatClient fromPage = ChatClient.connect(chat, Map.of("Origin", "http://localhost:" + port))) {
            fromPage.expect("* ada joined browser");
        }
        assertEquals(403, ChatClient.refusedStatus(chat, Map.of("Origin", "http://evil.example")));
    }

    @Test
    void otherPathsAreNotThePage() throws Exception {
        assertEquals(426, get(port, "/chat/lobby").statusCode()); // a plain GET on the endpoint, as before
        assertEquals(404, get(port, "/nothing-here").statusCode());
    }

    @Test
    void anAnnouncementReachesEveryRoom() throws Exception {
        try (WebSocketServer own = ChatServer.start(0, "secret", ChatServer.DEFAULT_IDLE_TIMEOUT);
             ChatClient ada = ChatClient.join(own.port(), "lobby", "ada");
             ChatClient bob = ChatClient.join(own.port(), "kitchen", "bob");
             ChatClient carol = ChatClient.join(own.port(), "kitchen", "carol")) {
            bob.expect("* carol joined kitchen");

            HttpResponse<String> sent = announce(own.port(), "token=secret", "Closing in 5 minutes\n");
            assertEquals(200, sent.statusCode(), sent.body());
            assertEquals("Sent to 3 sessions in 2 rooms\n", sent.body());
            for (ChatClient member : List.of(ada, bob, carol)) {
                member.expect("* announcement: Closing in 5 minutes");
            }
        }
    }

    @Test
    void anAnnouncementNeedsTheTokenAndAText() throws Exception {
        try (ChatClient ada = ChatClient.join(port, "announce", "ada")) {
            assertEquals(401, announce(port, "", "hello").statusCode());
            assertEquals(401, announce(port, "token=wrong", "hello").statusCode());
            assertEquals(400, announce(port, "token=secret", "  \n").statusCode());
            assertEquals(400, announce(port, "token=secret", "x".repeat(ChatHttp.MAX_ANNOUNCEMENT_BYTES + 1)).statusCode());
            ada.say("after");
            ada.expect("ada: after"); // and no announcement before it
        }
    }

    @Test
    void optionsHaveDefaultsAndAreReadFromTheCommandLine() {
        ChatServer.Options defaults = ChatServer.Options.parse(new String[0]);
        assertEquals(new ChatServer.Options(null, null, null, null), defaults, "the configuration's, then");
        assertEquals(new ChatServer.Options(0, "t0k", Duration.ofSeconds(10), null),
                ChatServer.Options.parse(new String[] {"--port", "0", "--token", "t0k", "--idle-timeout", "10"}));
        assertEquals(new ChatServer.Options(1234, "a=b", null, "redis://r:6379"),
                ChatServer.Options.parse(new String[] {"--port=1234", "--token=a=b", "--redis", "redis://r:6379"}));
        assertThrows(IllegalArgumentException.class, () -> ChatServer.Options.parse(new String[] {"--redis", "r:6379"}));
        assertThrows(IllegalArgumentException.class, () -> ChatServer.Options.parse(new String[] {"--port", "x"}));
        assertThrows(IllegalArgumentException.class, () -> ChatServer.Options.parse(new String[] {"--port", "70000"}));
        assertThrows(IllegalArgumentException.class, () -> ChatServer.Options.parse(new String[] {"--token"}));
        assertThrows(IllegalArgumentException.class, () -> ChatServer.Options.parse(new String[] {"--token="}));
        assertThrows(IllegalArgumentException.class, () -> ChatServer.Options.parse(new String[] {"--idle-timeout", "0"}));
        assertThrows(IllegalArgumentException.class, () -> ChatServer.Options.parse(new String[] {"--verbose", "1"}));
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> announce(int port, String query, String text)
            throws IOException, InterruptedException {
        URI uri = URI.create("http://localhost:" + port + "/announce" + (query.isEmpty() ? "" : "?" + query));
        return HTTP.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(text)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Joins a room over a raw socket, and reads the client's own "joined" message, so that nothing unread is
     * left when the socket closes.
     */
    private static RawWebSocketClient rawJoin(int port, String room, String nick) throws IOException {
        RawWebSocketClient client = RawWebSocketClient.connect(port, "/chat/" + room + "?token=secret&nick=" + nick);
        assertEquals("* " + nick + " joined " + room, client.readText());
        return client;
    }
}
