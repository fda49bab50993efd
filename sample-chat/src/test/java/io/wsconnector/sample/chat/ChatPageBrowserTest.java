package io.wsconnector.sample.chat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import io.wsconnector.cluster.redis.RedisProcess;
import io.wsconnector.runtime.WebSocketServer;
import io.wsconnector.testbrowser.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chat page in a real Chromium, as people meet it: two of them, each in a browser of their own, in
 * two rooms and then in one, on one server or on two sharing a Redis; the page reconnecting after a server
 * restart; no errors in the console.
 * Skipped without a browser, failed under {@code CI=true} ({@link Browser#assumeInstalled}).
 */
@Timeout(90)
class ChatPageBrowserTest {
    /** What the console says while the page retries a server that is not there: expected, not a fault. */
    private static final Pattern REFUSED_RETRY =
            Pattern.compile("WebSocket connection to 'ws://127\\.0\\.0\\.1:\\d+/chat/lobby\\?[^']*' failed: .*ERR_CONNECTION_REFUSED");

    private static Browser ada;
    private static Browser bob;

    @BeforeAll
    static void openBrowsers() throws Exception {
        Browser.assumeInstalled();
        CompletableFuture<Browser> second = CompletableFuture.supplyAsync(ChatPageBrowserTest::open);
        ada = Browser.open();
        bob = second.join();
    }

    @AfterAll
    static void closeBrowsers() {
        try (Browser first = ada; Browser second = bob) {
            // closed, whichever exist
        }
    }

    @AfterEach
    void leaveThePages() {
        // a page whose server a test stopped keeps trying to reconnect, which the console reports
        ada.get("about:blank");
        bob.get("about:blank");
    }

    @BeforeEach
    void forgetTheConsoleOfEarlierTests() {
        ada.consoleErrors();
        bob.consoleErrors();
    }

    @Test
    void twoPeopleInTwoRoomsHearOnlyTheirRoomAndSeeWhoIsOnline() {
        try (WebSocketServer server = ChatServer.start(0, ChatServer.DEFAULT_TOKEN, ChatServer.DEFAULT_IDLE_TIMEOUT)) {
            join(ada, server, "ada", "lobby");
            join(bob, server, "bob", "kitchen");
            awaitOnline(ada, "lobby", "ada");
            awaitOnline(bob, "kitchen", "bob");

            ada.type("#text", "hello lobby");
            bob.type("#text", "hello kitchen");
            awaitLine(ada, "ada: hello lobby");
            awaitLine(bob, "bob: hello kitchen");

            // bob switches to the lobby: both see both, and ada is told
            ada.type("#text", "still only me");
            awaitLine(ada, "ada: still only me"); // relayed to the lobby as it was then
            bob.fill("#room", "lobby");
            bob.click("#enter");
            awaitOnline(ada, "lobby", "ada", "bob");
            awaitOnline(bob, "lobby", "ada", "bob");
            awaitLine(ada, "* bob joined lobby");
            bob.type("#text", "hi ada");
            awaitLine(ada, "bob: hi ada");

            // bob leaves: ada's list follows
            bob.click("#leave");
            awaitLine(ada, "* bob left lobby");
            awaitOnline(ada, "lobby", "ada");
            assertEquals("Online", bob.text("#online-title"));

            List<String> adaHeard = log(ada);
            assertFalse(adaHeard.contains("bob: hello kitchen"), adaHeard.toString());
            List<String> bobHeard = log(bob);
            assertFalse(bobHeard.contains("ada: hello lobby"), bobHeard.toString());
            assertFalse(bobHeard.contains("ada: still only me"), "said before bob came in: " + bobHeard);
            ada.assertNoConsoleErrors();
            bob.assertNoConsoleErrors();
        }
    }

    @Test
    void twoServersSharingARedisAreOneChatForTwoBrowsers() {
        try (RedisProcess redis = RedisProcess.start();
             WebSocketServer one = ChatServer.start(0, ChatServer.DEFAULT_TOKEN, ChatServer.DEFAULT_IDLE_TIMEOUT, redis.uri());
             WebSocketServer two = ChatServer.start(0, ChatServer.DEFAULT_TOKEN, ChatServer.DEFAULT_IDLE_TIMEOUT, redis.uri())) {
            join(ada, one, "ada", "lobby");
            awaitOnline(ada, "lobby", "ada");
            join(bob, two, "bob", "lobby");
            // bob's arrival, heard through Redis, has ada's page ask /who, which presence answers for both servers
            awaitLine(ada, "* bob joined lobby");
            awaitOnline(ada, "lobby", "ada", "bob");
            awaitOnline(bob, "lobby", "ada", "bob");

            ada.type("#text", "hello from server one");
            awaitLine(bob, "ada: hello from server one");
            bob.type("#text", "hello from server two");
            awaitLine(ada, "bob: hello from server two");
            ada.assertNoConsoleErrors();
            bob.assertNoConsoleErrors();
        }
    }

    @Test
    void thePageReconnectsByItselfWhenTheServerRestarts() {
        WebSocketServer first = ChatServer.start(0, ChatServer.DEFAULT_TOKEN, ChatServer.DEFAULT_IDLE_TIMEOUT);
        int port = first.port();
        try {
            join(ada, first, "ada", "lobby");
            awaitOnline(ada, "lobby", "ada");
        } finally {
            first.stop();
        }
        awaitLine(ada, "! disconnected (1001: Server closing)");
        ada.await("the page to say it reconnects", () -> ada.text("#status"), status -> status.contains("reconnecting"));

        try (WebSocketServer second = ChatServer.start(port, ChatServer.DEFAULT_TOKEN, ChatServer.DEFAULT_IDLE_TIMEOUT)) {
            awaitLine(ada, "lobby (reconnected)");
            awaitOnline(ada, "lobby", "ada");
            assertEquals("in lobby as ada", ada.text("#status"));
            ada.type("#text", "back again");
            awaitLine(ada, "ada: back again");
            assertEquals(1, second.sessions(ChatRoom.class).count());
        }
        List<String> errors = ada.consoleErrors();
        assertTrue(errors.stream().allMatch(error -> REFUSED_RETRY.matcher(error).find()),
                "only the refused attempts while the server was down: " + errors);
    }

    @Test
    void thePageDoesNotReconnectAfterTheIdleDisconnect() throws Exception {
        try (WebSocketServer server = ChatServer.start(0, ChatServer.DEFAULT_TOKEN, Duration.ofSeconds(1))) {
            join(ada, server, "ada", "lobby");
            awaitLine(ada, "* still there? Say something, or you will be disconnected");
            awaitLine(ada, "! disconnected (1001: Idle for too long)");
            // the first retry would come within 0.5 s
            Thread.sleep(1500);
            assertEquals("not connected", ada.text("#status"));
            assertEquals(0, server.sessions(ChatRoom.class).count());
            ada.assertNoConsoleErrors();
        }
    }

    private static Browser open() {
        try {
            return Browser.open();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Opens the page, fills in nick and room (the dev token is filled in by the server), and joins. */
    private static void join(Browser browser, WebSocketServer server, String nick, String room) {
        browser.get("http://127.0.0.1:" + server.port() + "/");
        browser.fill("#nick", nick);
        browser.fill("#room", room);
        browser.click("#enter");
        String entered = "in " + room + " as " + nick;
        browser.await(nick + "'s page to say '" + entered + "'", () -> browser.text("#status"), entered::equals);
    }

    private static void awaitOnline(Browser browser, String room, String... nicks) {
        List<String> expected = List.of(nicks);
        browser.await("the online list of " + room + " to be " + expected,
                () -> browser.text("#online-title") + " " + browser.texts("#who li"),
                shown -> shown.equals("Online in " + room + " (" + nicks.length + ") " + expected));
    }

    private static void awaitLine(Browser browser, String line) {
        browser.await("'" + line + "' in the log", () -> log(browser), lines -> lines.contains(line));
    }

    private static List<String> log(Browser browser) {
        return browser.texts("#log li");
    }
}
