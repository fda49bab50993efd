package io.wsconnector.runtime;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletionStage;

import io.wsconnector.runtime.spi.WebSocketDispatcher;
import io.wsconnector.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Endpoints at path templates: which endpoint a request path reaches, and the decoded values its
 * handlers see.
 */
@Timeout(60)
class PathTemplateServerTest {
    private static final Events EVENTS = new Events();
    private static WebSocketServer server;

    @BeforeAll
    static void startServer() {
        server = TestServers.start(
                TestEndpoint.at("/rooms/{room}/users/{user}", () -> new Recording("template")),
                TestEndpoint.at("/rooms/lobby/users/admin", () -> new Recording("exact")),
                TestEndpoint.at("/files/{name}", () -> new Recording("files")));
    }

    @AfterAll
    static void stopServer() {
        TestServers.stop(server);
    }

    /** Records the path parameters it is given during the handshake and when open, and echoes text. */
    private record Recording(String name) implements WebSocketDispatcher {
        @Override
        public void onUpgrade(WebSocketSession session) {
            HandshakeRequest request = session.handshake();
            EVENTS.add(name + " upgrade " + request.pathParams() + " " + request.path());
        }

        @Override
        public void onOpen(WebSocketSession session) {
            EVENTS.add(name + " open room=" + session.pathParam("room") + " user=" + session.pathParam("user")
                    + " none=" + session.pathParam("none"));
        }

        @Override
        public CompletionStage<?> onTextMessage(WebSocketSession session, String message) {
            session.sendText(name + ":" + message);
            return null;
        }
    }

    @Test
    void aTemplateMatchesAndItsValuesArePercentDecoded() throws Exception {
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.port(), "/rooms/a%20b%2Fc/users/caf%C3%A9?x=1")) {
            EVENTS.expect("template upgrade {room=a b/c, user=café} /rooms/a%20b%2Fc/users/caf%C3%A9");
            EVENTS.expect("template open room=a b/c user=café none=null");
            assertEquals("template:hi", client.sendText("hi").readText());
        }
    }

    @Test
    void anExactPathIsPreferredToATemplateThatMatchesIt() throws Exception {
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.port(), "/rooms/lobby/users/admin")) {
            EVENTS.expect("exact upgrade {} /rooms/lobby/users/admin");
            EVENTS.expect("exact open room=null user=null none=null");
            assertEquals("exact:hi", client.sendText("hi").readText());
        }
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.port(), "/rooms/lobby/users/ada")) {
            EVENTS.nextStartingWith("template open room=lobby user=ada");
            assertEquals("template:hi", client.sendText("hi").readText());
        }
    }

    @Test
    void aPathThatMatchesNoTemplateGets404() throws Exception {
        for (String path : List.of("/rooms/1/users", "/rooms/1/users/2/3", "/rooms//users/2", "/rooms/1/users/2/",
                "/files", "/files/a/b")) {
            RawWebSocketClient.Refusal refusal = RawWebSocketClient.refused(server.port(), path);
            assertEquals(404, refusal.status(), () -> path + ": " + refusal);
        }
        EVENTS.expectNothingFor(200);
    }

    @Test
    void aValueThatIsNotUtf8Gets400() throws Exception {
        RawWebSocketClient.Refusal refusal = RawWebSocketClient.refused(server.port(), "/files/%E9");
        assertEquals(400, refusal.status(), refusal::toString);
        assertTrue(refusal.body().contains("not valid percent-encoded UTF-8"), refusal::toString);
        EVENTS.expectNothingFor(200);
    }

    @Test
    void aPlainGetOnATemplatePathGets426AndOnAnyOtherPath404() throws Exception {
        try (RawWebSocketClient client = RawWebSocketClient.open(server.port())) {
            RawWebSocketClient.HttpResponse response = client.request("GET /rooms/1/users/2 HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertEquals(426, response.status(), response::toString);
            assertEquals("websocket", response.headers().get("upgrade"));
            assertEquals("13", response.headers().get("sec-websocket-version"));
        }
        try (RawWebSocketClient client = RawWebSocketClient.open(server.port())) {
            RawWebSocketClient.HttpResponse response = client.request("GET /rooms/lobby/users/admin HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertEquals(426, response.status(), response::toString);
        }
        try (RawWebSocketClient client = RawWebSocketClient.open(server.port())) {
            RawWebSocketClient.HttpResponse response = client.request("GET /rooms/1 HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertEquals(404, response.status(), response::toString);
        }
    }

    @Test
    void twoTemplatesThatCanMatchTheSamePathAreRefused() {
        WebSocketServer.Builder builder = TestServers.builder(b -> { },
                TestEndpoint.at("/rooms/{room}", () -> new Recording("a")).named("com.example.RoomById"),
                TestEndpoint.at("/rooms/{name}", () -> new Recording("b")).named("com.example.RoomByName"));

        IllegalStateException e = assertThrows(IllegalStateException.class, builder::build);
        assertTrue(e.getMessage().contains("com.example.RoomById") && e.getMessage().contains("com.example.RoomByName"),
                e::getMessage);
        assertTrue(e.getMessage().contains("/rooms/{room}") && e.getMessage().contains("/rooms/{name}"), e::getMessage);

        WebSocketServer.Builder crossing = TestServers.builder(b -> { },
                TestEndpoint.at("/a/{x}", () -> new Recording("a")).named("com.example.A"),
                TestEndpoint.at("/{y}/b", () -> new Recording("b")).named("com.example.B"));
        assertThrows(IllegalStateException.class, crossing::build);
    }

    @Test
    void anInvalidPathIsRefusedNamingTheEndpoint() {
        WebSocketServer.Builder builder = TestServers.builder(b -> { },
                TestEndpoint.at("/a/{x}/{x}", () -> new Recording("a")).named("com.example.Twice"));

        IllegalStateException e = assertThrows(IllegalStateException.class, builder::build);
        assertTrue(e.getMessage().contains("{x}") && e.getMessage().contains("com.example.Twice"), e::getMessage);
    }

    @Test
    void templatesThatDifferInALiteralSegmentCanBeServedTogether() {
        WebSocketServer built = TestServers.builder(b -> { },
                TestEndpoint.at("/rooms/{room}", () -> new Recording("a")),
                TestEndpoint.at("/users/{room}", () -> new Recording("b")),
                TestEndpoint.at("/rooms/{room}/x", () -> new Recording("c"))).build();
        assertEquals(3, built.endpointUris().size());
    }

    @Test
    void endpointUrisShowTemplatesPercentEncoded() {
        URI template = server.endpointUris().stream().filter(uri -> uri.getPath().startsWith("/files")).findFirst().orElseThrow();
        assertEquals("/files/{name}", template.getPath());
        assertEquals("ws://127.0.0.1:" + server.port() + "/files/%7Bname%7D", template.toString());
    }
}
