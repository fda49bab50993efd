package io.wsconnector.sample.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.wsconnector.runtime.WebSocketServer;
import io.wsconnector.testbrowser.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The echo page in a real Chromium: a person opens {@code http://host:port/}, types, and reads the echoes,
 * with no error in the browser's console. Skipped without a browser, failed under {@code CI=true}
 * ({@link Browser#assumeInstalled}).
 */
@Timeout(60)
class EchoPageBrowserTest {
    private static WebSocketServer server;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeInstalled();
        server = WebSocketEchoServer.start(0);
        browser = Browser.open();
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (server != null) {
                server.stop();
            }
        }
    }

    @BeforeEach
    void forgetTheConsoleOfEarlierTests() {
        browser.consoleErrors();
    }

    @Test
    void whatIsTypedInThePageComesBackFromTheServer() {
        browser.get("http://127.0.0.1:" + server.port() + "/");
        browser.await("the page to connect", () -> browser.text("#status"), status -> status.startsWith("connected"));

        browser.type("#text", "hello from Chromium");
        browser.type("#text", "grüße, 世界 <b>not bold</b>");

        List<String> echoes = browser.await("two echoes", () -> browser.texts("#log .echo"), texts -> texts.size() >= 2);
        assertEquals(List.of("← hello from Chromium", "← grüße, 世界 <b>not bold</b>"), echoes);
        assertEquals(0, browser.texts("#log b").size(), "an echo is text, never markup");
        browser.assertNoConsoleErrors();
    }

    @Test
    void theConsoleCheckSeesAFailedRequest() {
        // the check above would pass on an empty log: this shows the log is read at all, with the error a
        // missing icon would cause (a page of its own, not a 404 page, which would also ask for /favicon.ico)
        browser.get("http://127.0.0.1:" + server.port() + "/");
        browser.run("fetch('/no-such-thing')");
        List<String> errors = browser.await("the 404 in the console", browser::consoleErrors, list -> !list.isEmpty());
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.getFirst().contains("/no-such-thing") && errors.getFirst().contains("404"), errors.toString());
    }
}
