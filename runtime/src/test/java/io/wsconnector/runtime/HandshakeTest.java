package io.wsconnector.runtime;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.CompletionStage;

import io.wsconnector.runtime.spi.WebSocketDispatcher;
import io.wsconnector.testsupport.Await;
import io.wsconnector.testsupport.JdkClient;
import io.wsconnector.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The opening handshake with the endpoint model: what {@code onUpgrade} sees and decides, subprotocols and
 * per-endpoint origins.
 */
@Timeout(60)
class HandshakeTest {
    private static final String SECRET = "s3cr3t-detail";
    private static final Events EVENTS = new Events();
    private static final AtomicReference<HandshakeRequest> LAST_REQUEST = new AtomicReference<>();
    private static final AtomicReference<WebSocketSession> LAST_SESSION = new AtomicReference<>();

    private static WebSocketServer server;

    @BeforeAll
    static void startServer() {
        server = TestServers.start(
                TestEndpoint.at("/inspect/{id}", Inspecting::new),
                TestEndpoint.at("/guarded", Guarded::new),
                TestEndpoint.at("/chat", Inspecting::new).subprotocols("chat.v2", "chat.v1"),
                TestEndpoint.at("/plain", Inspecting::new),
                TestEndpoint.at("/app-only", Inspecting::new).origins("https://app.example.com"));
    }

    @BeforeEach
    void forgetEarlierEvents() {
        EVENTS.clear();
    }

    @AfterAll
    static void stopServer() {
        TestServers.stop(server);
    }

    /** Keeps the handshake, tries what a session cannot do yet, stores an attribute, reports on open. */
    private static final class Inspecting implements WebSocketDispatcher {
        @Override
        public void onUpgrade(WebSocketSession session) {
            HandshakeRequest request = session.handshake();
            LAST_REQUEST.set(request);
            LAST_SESSION.set(session);
            session.attribute("user", "ada");
            session.attribute("dropped", 1);
            session.attribute("dropped", null);
            EVENTS.add("upgrade open=" + session.isOpen() + " send=" + outcome(() -> session.sendText("early"))
                    + " async=" + asyncOutcome(session) + " close=" + outcome(session::close)
                    + " same=" + (session.handshake() == request));
        }

        @Override
        public void onOpen(WebSocketSession session) {
            EVENTS.add("open user=" + session.attribute("user") + " dropped=" + session.attribute("dropped")
                    + " subprotocol=" + session.subprotocol().orElse("-") + " same=" + (session == LAST_SESSION.get()));
        }

        @Override
        public CompletionStage<?> onTextMessage(WebSocketSession session, String message) {
            session.sendText("echo:" + message);
            return null;
        }

        @Override
        public void onClose(WebSocketSession session, int statusCode, String reason) {
            EVENTS.add("close " + statusCode);
        }
    }

    /** Refuses or fails the handshake as the query says; accepts otherwise. */
    private static final class Guarded implements WebSocketDispatcher {
        @Override
        public void onUpgrade(WebSocketSession session) {
            Optional<String> token = session.handshake().queryParam("token");
            if (token.isEmpty()) {
                throw new UpgradeRejectedException(401, "A valid token is required");
            }
            if (token.get().equals("slow-down")) {
                throw new UpgradeRejectedException(429, "Too many connections");
            }
            if (token.get().equals("crash")) {
                throw new IllegalStateException("database password is " + SECRET);
            }
            EVENTS.add("guarded upgrade " + token.get());
        }

        @Override
        public void onOpen(WebSocketSession session) {
            EVENTS.add("guarded open");
        }

        @Override
        public void onClose(WebSocketSession session, int statusCode, String reason) {
            EVENTS.add("guarded close");
        }
    }

    private static String outcome(Runnable action) {
        try {
            action.run();
            return "ok";
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }

    private static String asyncOutcome(WebSocketSession session) {
        CompletableFuture<Void> stage = session.sendTextAsync("early").toCompletableFuture();
        try {
            stage.get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS); // fails at once, unless something is wrong
            return "ok";
        } catch (ExecutionException e) {
            return e.getCause().getClass().getSimpleName();
        } catch (Exception e) {
            return "pending";
        }
    }

    @Test
    void pathQueryAndHeaderValuesAreVisibleInTheHandshakeRequest() throws Exception {
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.port(),
                "/inspect/a%2Fb?nick=ada+lovelace&tag=x&tag=y%26z&flag",
                "X-Client-Version: 3", "x-multi: a", "X-Multi: b")) {
            EVENTS.nextStartingWith("upgrade");
            HandshakeRequest request = LAST_REQUEST.get();

            assertEquals("/inspect/a%2Fb", request.path());
            assertEquals("a/b", request.pathParam("id"));
            assertNull(request.pathParam("other"));
            assertEquals(Map.of("id", "a/b"), request.pathParams());
            assertEquals(Optional.of("ada lovelace"), request.queryParam("nick"));
            assertEquals(List.of("x", "y&z"), request.queryParams("tag"));
            assertEquals(Optional.of("x"), request.queryParam("tag"), "the first value");
            assertEquals(Optional.of(""), request.queryParam("flag"));
            assertEquals(Optional.empty(), request.queryParam("missing"));
            assertEquals(List.of(), request.queryParams("missing"));
            assertEquals(Optional.of("3"), request.header("x-client-version"));
            assertEquals(Optional.of("3"), request.header("X-CLIENT-VERSION"));
            assertEquals(Optional.of("a, b"), request.header("X-Multi"));
            assertEquals(Optional.of("websocket"), request.header("upgrade"));
            assertEquals(Optional.empty(), request.header("X-Missing"));
            assertTrue(request.remoteAddress().getAddress().isLoopbackAddress(), request.remoteAddress()::toString);
            assertEquals(client.socket().getLocalPort(), request.remoteAddress().getPort());
            assertEquals(List.of(), request.requestedSubprotocols());
            assertEquals(Optional.empty(), request.subprotocol());

            EVENTS.nextStartingWith("open");
            assertSame(request, LAST_SESSION.get().handshake(), "the session keeps the handshake");
            assertEquals("a/b", LAST_SESSION.get().pathParam("id"));
            assertEquals("echo:hi", client.sendText("hi").readText());
        }
        EVENTS.expect("close 1006");
    }

    @Test
    void beforeThe101TheSessionKeepsAttributesButCannotSendAndAttributesReachOnOpen() throws Exception {
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.port(), "/plain")) {
            EVENTS.expect("upgrade open=false send=IllegalStateException async=IllegalStateException"
                    + " close=IllegalStateException same=true");
            EVENTS.expect("open user=ada dropped=null subprotocol=- same=true");
            assertEquals("echo:after", client.sendText("after").readText(), "nothing was sent before the 101");
            client.sendClose(1000, "");
            assertEquals(1000, client.readClose().closeCode());
        }
        EVENTS.expect("close 1000");
    }

    @Test
    void aRejectedUpgradeGetsTheChosenStatusAndMessageAndNoCallbackRuns() throws Exception {
        RawWebSocketClient.Refusal unauthorized = RawWebSocketClient.refused(server.port(), "/guarded");
        assertEquals(401, unauthorized.status(), unauthorized::toString);
        assertEquals("A valid token is required", unauthorized.body());
        assertEquals("text/plain; charset=UTF-8", unauthorized.response().headers().get("content-type"));
        assertFalse(unauthorized.response().headers().containsKey("sec-websocket-accept"), unauthorized::toString);

        RawWebSocketClient.Refusal tooMany = RawWebSocketClient.refused(server.port(), "/guarded?token=slow-down");
        assertEquals(429, tooMany.status(), tooMany::toString);
        assertEquals("Too many connections", tooMany.body());
        EVENTS.expectNothingFor(300);

        try (RawWebSocketClient client = RawWebSocketClient.connect(server.port(), "/guarded?token=good")) {
            EVENTS.expect("guarded upgrade good");
            EVENTS.expect("guarded open");
        }
        EVENTS.expect("guarded close");
    }

    @Test
    void anExceptionInOnUpgradeGets500WithoutItsTextAndNoCallbackRuns() throws Exception {
        RawWebSocketClient.Refusal refusal = RawWebSocketClient.refused(server.port(), "/guarded?token=crash");
        assertEquals(500, refusal.status(), refusal::toString);
        assertFalse(refusal.body().contains(SECRET), refusal::body);
        assertFalse(refusal.body().contains("IllegalStateException"), refusal::body);
        EVENTS.expectNothingFor(300);
    }

    @Test
    void theFirstOfTheEndpointsSubprotocolsThatTheClientOffersIsChosen() throws Exception {
        try (RawWebSocketClient client = RawWebSocketClient.open(server.port())) {
            RawWebSocketClient.HttpResponse response = client.handshake("/chat",
                    "Sec-WebSocket-Protocol: other, chat.v1", "Sec-WebSocket-Protocol: chat.v2");
            assertEquals(101, response.status(), response::toString);
            assertEquals("chat.v2", response.headers().get("sec-websocket-protocol"), "the endpoint's preference");
            EVENTS.nextStartingWith("upgrade");
            assertEquals(List.of("other", "chat.v1", "chat.v2"), LAST_REQUEST.get().requestedSubprotocols());
            assertEquals(Optional.of("chat.v2"), LAST_REQUEST.get().subprotocol());
            EVENTS.expect("open user=ada dropped=null subprotocol=chat.v2 same=true");
        }
        EVENTS.expect("close 1006");

        JdkClient jdk = JdkClient.connect(TestServers.uri(server, "/chat"), handshake -> handshake.subprotocols("chat.v1", "chat.v0"));
        assertEquals("chat.v1", jdk.subprotocol());
        EVENTS.nextStartingWith("open");
        jdk.close(1000, "");
        EVENTS.expect("close 1000");
    }

    @Test
    void aClientOfferingNoneOfTheEndpointsSubprotocolsGets400() throws Exception {
        RawWebSocketClient.Refusal refusal = RawWebSocketClient.refused(server.port(), "/chat",
                "Sec-WebSocket-Protocol: chat.v3, mqtt");
        assertEquals(400, refusal.status(), refusal::toString);
        assertTrue(refusal.body().contains("chat.v2"), refusal::body);
        EVENTS.expectNothingFor(300);
    }

    @Test
    void aClientOfferingNoSubprotocolIsAcceptedWithoutOne() throws Exception {
        try (RawWebSocketClient client = RawWebSocketClient.open(server.port())) {
            RawWebSocketClient.HttpResponse response = client.handshake("/chat");
            assertEquals(101, response.status(), response::toString);
            assertFalse(response.headers().containsKey("sec-websocket-protocol"), response::toString);
            EVENTS.nextStartingWith("upgrade");
            EVENTS.expect("open user=ada dropped=null subprotocol=- same=true");
        }
        EVENTS.expect("close 1006");
    }

    @Test
    void anEndpointWithoutSubprotocolsAnswersNoneWhateverIsOffered() throws Exception {
        try (RawWebSocketClient client = RawWebSocketClient.open(server.port())) {
            RawWebSocketClient.HttpResponse response = client.handshake("/plain", "Sec-WebSocket-Protocol: chat.v2");
            assertEquals(101, response.status(), response::toString);
            assertFalse(response.headers().containsKey("sec-websocket-protocol"), response::toString);
            EVENTS.nextStartingWith("upgrade");
            assertEquals(List.of("chat.v2"), LAST_REQUEST.get().requestedSubprotocols());
            assertEquals(Optional.empty(), LAST_REQUEST.get().subprotocol());
        }
        EVENTS.nextStartingWith("close");
    }

    @Test
    void anEndpointsOriginsAreAllowedOnTopOfTheSameOriginDefault() throws Exception {
        String sameOrigin = "Origin: http://127.0.0.1:" + server.port();
        assertEquals(101, status("/app-only", "Origin: https://app.example.com"));
        assertEquals(403, status("/plain", "Origin: https://app.example.com"), "only for that endpoint");
        assertEquals(403, status("/app-only", "Origin: https://evil.example.com"));
        assertEquals(101, status("/app-only", sameOrigin), "the same-origin default still holds");
        assertEquals(101, status("/plain", sameOrigin));
    }

    @Test
    void anEndpointsOriginsAddToTheServersList() throws Exception {
        WebSocketServer listed = TestServers.start(builder -> builder.allowedOrigins("https://admin.example.com"),
                TestEndpoint.at("/app-only", Inspecting::new).origins("https://app.example.com"),
                TestEndpoint.at("/plain", Inspecting::new));
        try {
            assertEquals(101, status(listed, "/app-only", "Origin: https://app.example.com"));
            assertEquals(101, status(listed, "/app-only", "Origin: https://admin.example.com"));
            assertEquals(101, status(listed, "/plain", "Origin: https://admin.example.com"));
            assertEquals(403, status(listed, "/plain", "Origin: https://app.example.com"));
        } finally {
            listed.stop();
        }
    }

    @Test
    void anUpgradeRejectedExceptionTakesOnly4xxAnd5xx() {
        assertThrows(IllegalArgumentException.class, () -> new UpgradeRejectedException(302, "elsewhere"));
        assertEquals(403, new UpgradeRejectedException(403, "no").status());
    }

    private static int status(String path, String... headers) throws Exception {
        return status(server, path, headers);
    }

    /** The status answered to a handshake; an accepted connection is closed again, and its events taken. */
    private static int status(WebSocketServer target, String path, String... headers) throws Exception {
        int status;
        try (RawWebSocketClient client = RawWebSocketClient.open(target.port())) {
            status = client.handshake(path, headers).status();
        }
        if (status == 101) {
            EVENTS.nextStartingWith("close");
        }
        return status;
    }
}
