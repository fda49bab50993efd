package io.wsconnector.sample.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import io.wsconnector.runtime.WebSocketServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The echo server as {@code main} starts it: its page at {@code /}, and the origins it lets in, seen with
 * the JDK's HTTP and WebSocket clients sending what a browser would. {@link EchoPageBrowserTest} opens the
 * page in a real browser.
 */
class EchoPageTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static WebSocketServer server;
    private static URI endpoint;

    @BeforeAll
    static void start() {
        server = WebSocketEchoServer.start(0);
        endpoint = URI.create("ws://127.0.0.1:" + server.port() + "/test/websocket");
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void thePageIsServedAtTheRoot() throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=UTF-8", page.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(page.body().contains("\"/test/websocket\""), "the page connects to the endpoint's path");
    }

    @Test
    void thePageCanConnectFromItsOriginAndOtherOriginsCannot() throws Exception {
        WebSocket fromPage = connect("http://127.0.0.1:" + server.port()).join();
        fromPage.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);

        CompletionException refused = assertThrows(CompletionException.class, () -> connect("http://elsewhere.example").join());
        assertEquals(403, assertInstanceOf(WebSocketHandshakeException.class, refused.getCause()).getResponse().statusCode());
        CompletionException fromFile = assertThrows(CompletionException.class, () -> connect("null").join());
        assertEquals(403, assertInstanceOf(WebSocketHandshakeException.class, fromFile.getCause()).getResponse().statusCode());
    }

    private static java.util.concurrent.CompletableFuture<WebSocket> connect(String origin) {
        return HTTP.newWebSocketBuilder().header("Origin", origin).buildAsync(endpoint, new WebSocket.Listener() { });
    }
}
