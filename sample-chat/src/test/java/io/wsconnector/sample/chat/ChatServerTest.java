package io.wsconnector.sample.chat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.wsconnector.runtime.WebSocketServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chat over real sockets: a server on a free port, JDK WebSocket clients. Each test uses rooms of
 * its own, so that tests do not hear each other.
 */
class ChatServerTest {
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
    void refusesAMissingOrWrongTokenWith401() {
        assertEquals(401, ChatClient.refusedStatus(port, "auth", ""));
        assertEquals(401, ChatClient.refusedStatus(port, "auth", "nick=ada"));
        assertEquals(401, ChatClient.refusedStatus(port, "auth", "token=&nick=ada"));
        assertEquals(401, ChatClient.refusedStatus(port, "auth", "token=Secret&nick=ada"));
        assertEquals(401, ChatClient.refusedStatus(port, "auth", "token=secret2"));
    }

    @Test
    void refusesAnInvalidNickWith400() {
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
            assertTrue(joined.matches("\\* guest-\\d+ joined guests"), joined);
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
            assertEquals(1001, sleeper.closeCode().get(5, TimeUnit.SECONDS));
            long closed = System.nanoTime();
            assertTrue(warned - start >= TimeUnit.MILLISECONDS.toNanos(900),
                    "warned after " + (warned - start) / 1_000_000 + " ms");
            assertTrue(closed - warned >= TimeUnit.MILLISECONDS.toNanos(800),
                    "closed " + (closed - warned) / 1_000_000 + " ms after the warning");

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
            assertTrue(!ada.closeCode().isDone(), "closed with " + ada.closeCode().getNow(null));
        } finally {
            quick.stop();
        }
    }

    @Test
    void optionsHaveDefaultsAndAreReadFromTheCommandLine() {
        ChatServer.Options defaults = ChatServer.Options.parse(new String[0]);
        assertEquals(new ChatServer.Options(9091, "secret", Duration.ofMinutes(5)), defaults);
        assertEquals(new ChatServer.Options(0, "t0k", Duration.ofSeconds(10)),
                ChatServer.Options.parse(new String[] {"--port", "0", "--token", "t0k", "--idle-timeout", "10"}));
        assertEquals(new ChatServer.Options(1234, "a=b", Duration.ofMinutes(5)),
                ChatServer.Options.parse(new String[] {"--port=1234", "--token=a=b"}));
        assertThrows(IllegalArgumentException.class, () -> ChatServer.Options.parse(new String[] {"--port", "x"}));
        assertThrows(IllegalArgumentException.class, () -> ChatServer.Options.parse(new String[] {"--port", "70000"}));
        assertThrows(IllegalArgumentException.class, () -> ChatServer.Options.parse(new String[] {"--token"}));
        assertThrows(IllegalArgumentException.class, () -> ChatServer.Options.parse(new String[] {"--token="}));
        assertThrows(IllegalArgumentException.class, () -> ChatServer.Options.parse(new String[] {"--idle-timeout", "0"}));
        assertThrows(IllegalArgumentException.class, () -> ChatServer.Options.parse(new String[] {"--verbose", "1"}));
    }
}
