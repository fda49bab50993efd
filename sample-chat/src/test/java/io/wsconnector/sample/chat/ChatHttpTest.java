package io.wsconnector.sample.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

import io.wsconnector.runtime.WebSocketServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chat's plain HTTP routes beyond the page: {@code POST /announce} takes announcements from the chat's
 * own page and from tools, never from a page of another site (which a browser would send with the dev
 * token on its user's behalf); {@code GET /favicon.ico} is the tab's icon.
 */
class ChatHttpTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static WebSocketServer server;

    @BeforeAll
    static void start() {
        server = ChatServer.start(0, ChatServer.DEFAULT_TOKEN, ChatServer.DEFAULT_IDLE_TIMEOUT);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void theIconIsServedSoThatBrowsersFindNoError() throws Exception {
        HttpResponse<String> icon = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/favicon.ico")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, icon.statusCode());
        assertEquals("image/svg+xml", icon.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(icon.body().startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), icon.body());
    }

    @Test
    void anAnnouncementFromAPageOfAnotherSiteIsRefusedWith403() throws Exception {
        HttpResponse<String> refused = announce(Optional.of("http://evil.example"));
        assertEquals(403, refused.statusCode());
        assertEquals("Announcements are only taken from this server's pages and from clients that send no Origin, "
                + "not from http://evil.example\n", refused.body());
        assertEquals(403, announce(Optional.of("null")).statusCode()); // a page opened from a file, a sandboxed frame
        assertEquals(403, announce(Optional.of("http://localhost:" + (server.port() + 1))).statusCode()); // another port, another site
    }

    @Test
    void anAnnouncementFromTheChatsOwnPageOrFromAToolWithoutOriginIsSent() throws Exception {
        HttpResponse<String> fromPage = announce(Optional.of("http://localhost:" + server.port()));
        assertEquals(200, fromPage.statusCode(), fromPage.body());
        HttpResponse<String> fromCurl = announce(Optional.empty());
        assertEquals(200, fromCurl.statusCode(), fromCurl.body());
    }

    @Test
    void anOriginIsTheSameSiteWhenItHasTheHostsNameAndPort() {
        assertTrue(ChatHttp.isSameSiteOrTool(Optional.empty(), Optional.empty()));
        assertTrue(ChatHttp.isSameSiteOrTool(Optional.of("https://chat.example.com"), Optional.of("chat.example.com")));
        assertTrue(ChatHttp.isSameSiteOrTool(Optional.of("https://Chat.Example.com"), Optional.of("chat.example.com:443")));
        assertTrue(ChatHttp.isSameSiteOrTool(Optional.of("http://localhost:9091"), Optional.of("localhost:9091")));
        assertTrue(ChatHttp.isSameSiteOrTool(Optional.of("http://[::1]:9091"), Optional.of("[::1]:9091")));
        assertFalse(ChatHttp.isSameSiteOrTool(Optional.of("http://localhost:9092"), Optional.of("localhost:9091")));
        assertFalse(ChatHttp.isSameSiteOrTool(Optional.of("http://chat.example.com:8080"), Optional.of("chat.example.com")));
        assertFalse(ChatHttp.isSameSiteOrTool(Optional.of("https://chat.example.com.evil.example"), Optional.of("chat.example.com")));
        assertFalse(ChatHttp.isSameSiteOrTool(Optional.of("null"), Optional.of("localhost:9091")));
        assertFalse(ChatHttp.isSameSiteOrTool(Optional.of("http://localhost:9091"), Optional.empty()));
        assertFalse(ChatHttp.isSameSiteOrTool(Optional.of("not a URI"), Optional.of("localhost:9091")));
    }

    private static HttpResponse<String> announce(Optional<String> origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + server.port() + "/announce?token=" + ChatServer.DEFAULT_TOKEN))
                .POST(HttpRequest.BodyPublishers.ofString("Closing in 5 minutes"));
        origin.ifPresent(value -> request.header("Origin", value));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
