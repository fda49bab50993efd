package io.wsconnector.tests.handshake;

import java.util.List;
import java.util.Optional;

import io.wsconnector.runtime.TestServers;
import io.wsconnector.runtime.WebSocketServer;
import io.wsconnector.testing.WebSocketServerExtension;
import io.wsconnector.tests.EchoEndpoint_WebSocketEndpoint;
import io.wsconnector.tests.OriginsEndpoint;
import io.wsconnector.tests.OriginsEndpoint_WebSocketEndpoint;
import io.wsconnector.tests.Recorder;
import io.wsconnector.testsupport.JdkClient;
import io.wsconnector.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.wsconnector.tests.Conformance.ECHO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code @WebSocketUpgradePath(subprotocols = …)} and {@code (origins = …)} over real sockets: the server's most
 * preferred protocol that the client offers is answered and seen by the session, a client offering only others is
 * refused with 400; an endpoint's origins are allowed on top of the server's, for that endpoint only.
 */
@Timeout(60)
class SubprotocolAndOriginTest {
    private static final String PROTOCOLS = "/protocols";
    private static final String ORIGINS = "/origins";
    private static final String SERVER_ORIGIN = "https://server.example.com";

    private static volatile Recorder recorder = new Recorder();

    @RegisterExtension
    static final WebSocketServerExtension SERVER = WebSocketServerExtension.serving(
                    new ProtocolsEndpoint_WebSocketEndpoint(() -> new ProtocolsEndpoint(recorder)),
                    new OriginsEndpoint_WebSocketEndpoint(() -> new OriginsEndpoint(recorder)),
                    new AnyOriginEndpoint_WebSocketEndpoint(),
                    new EchoEndpoint_WebSocketEndpoint());

    @BeforeEach
    void newRecorder() {
        recorder = new Recorder();
    }

    /** Connects with these header lines, expects 101, and returns the answered Sec-WebSocket-Protocol (or null). */
    private static String negotiated(String... headerLines) throws Exception {
        try (RawWebSocketClient client = SERVER.clients().raw(PROTOCOLS, headerLines)) {
            String answered = client.handshakeResponse().headers().get("sec-websocket-protocol");
            String seen = client.sendText("which?").readText();
            assertEquals(answered == null ? ProtocolsEndpoint.NONE : answered, seen, "session.subprotocol()");
            return answered;
        }
    }

    @Test
    void theServersMostPreferredProtocolThatTheClientOffersIsChosen() throws Exception {
        assertEquals("chat.v2", negotiated("Sec-WebSocket-Protocol: chat.v1, chat.v2"));

        assertEquals(Recorder.Call.of("OnUpgrade", List.of("chat.v1", "chat.v2"), Optional.of("chat.v2")),
                recorder.next(Recorder.Call.class), "@OnUpgrade sees the offer, in the client's order, and the choice");
        assertEquals(Recorder.Call.of("OnOpen", Optional.of("chat.v2"), Optional.of("chat.v2")),
                recorder.next(Recorder.Call.class));
    }

    @Test
    void aProtocolTheServerSpeaksIsChosenAmongOthersItDoesNot() throws Exception {
        assertEquals("chat.v1", negotiated("Sec-WebSocket-Protocol: token.abc123, chat.v1"));
        assertEquals(Recorder.Call.of("OnUpgrade", List.of("token.abc123", "chat.v1"), Optional.of("chat.v1")),
                recorder.next(Recorder.Call.class), "@OnUpgrade can read a token offered as a protocol");
    }

    @Test
    void offersOnSeveralHeaderLinesCount() throws Exception {
        assertEquals("chat.v1", negotiated("Sec-WebSocket-Protocol: other", "Sec-WebSocket-Protocol: chat.v1"));
    }

    @Test
    void withoutAnOfferNoProtocolIsAnswered() throws Exception {
        assertNull(negotiated());
        assertEquals(Recorder.Call.of("OnUpgrade", List.of(), Optional.empty()), recorder.next(Recorder.Call.class));
        assertEquals(Recorder.Call.of("OnOpen", Optional.empty(), Optional.empty()), recorder.next(Recorder.Call.class));
    }

    @Test
    void aClientOfferingOnlyOtherProtocolsIsRefusedWith400AndNoHandlerRuns() throws Exception {
        RawWebSocketClient.Refusal refusal = SERVER.clients().rawRefusal(PROTOCOLS,
                "Sec-WebSocket-Protocol: chat.v3, superchat");

        assertEquals(400, refusal.status(), () -> refusal.response().statusLine());
        assertTrue(refusal.body().contains("chat.v2, chat.v1"), refusal::body);
        assertNull(refusal.response().headers().get("sec-websocket-protocol"));
        assertNull(negotiated());
        assertEquals("OnUpgrade", recorder.next(Recorder.Call.class).handler());
        assertEquals(List.of("OnUpgrade", "OnOpen"), recorder.handlers(), "only the accepted connection's handlers");
    }

    @Test
    void theJdkClientGetsTheChosenProtocol() throws Exception {
        JdkClient client = SERVER.clients().connect(PROTOCOLS,
                builder -> builder.subprotocols("chat.v1", "chat.v2"));

        assertEquals("chat.v2", client.subprotocol());
        assertEquals("chat.v2", client.send("which?").awaitText());
        client.close(1000, "");
    }

    @Test
    void anEndpointWithoutProtocolsAnswersNoneWhateverTheClientOffers() throws Exception {
        try (RawWebSocketClient client = SERVER.clients().raw(ECHO,
                "Sec-WebSocket-Protocol: chat.v1")) {
            assertNull(client.handshakeResponse().headers().get("sec-websocket-protocol"));
            assertEquals("still served", client.sendText("still served").readText());
        }
    }

    /** The status of a handshake with this Origin (none if null); an accepted connection must then echo. */
    private static int statusWithOrigin(WebSocketServer target, String path, String origin) throws Exception {
        String key = RawWebSocketClient.newKey();
        String request = origin == null ? RawWebSocketClient.handshakeRequest(target.port(), path, key)
                : RawWebSocketClient.handshakeRequest(target.port(), path, key, "Origin: " + origin);
        try (RawWebSocketClient client = RawWebSocketClient.open(target.port())) {
            RawWebSocketClient.HttpResponse response = client.request(request);
            if (response.status() == 101) {
                assertEquals("origin ok", client.sendText("origin ok").readText());
            }
            return response.status();
        }
    }

    @Test
    void anEndpointsOriginsAreAllowedForThatEndpointOnly() throws Exception {
        assertEquals(101, statusWithOrigin(SERVER.server(), ORIGINS, OriginsEndpoint.APP));
        assertEquals(101, statusWithOrigin(SERVER.server(), ORIGINS, OriginsEndpoint.LOCAL_DEV));
        assertEquals(403, statusWithOrigin(SERVER.server(), ECHO, OriginsEndpoint.APP), "not allowed for another endpoint");
        assertEquals(403, statusWithOrigin(SERVER.server(), ORIGINS, "https://evil.example.com"));
        assertEquals(403, statusWithOrigin(SERVER.server(), ORIGINS, "https://app.example.com.evil.example"));
        assertEquals(403, statusWithOrigin(SERVER.server(), ORIGINS, "http://app.example.com"));
        assertEquals(List.of(Recorder.Call.of("OnUpgrade", OriginsEndpoint.APP),
                Recorder.Call.of("OnUpgrade", OriginsEndpoint.LOCAL_DEV)), recorder.all(Recorder.Call.class),
                "no handler ran for a refused origin");
    }

    @Test
    void theServersOwnRuleStillAppliesToAnEndpointWithOrigins() throws Exception {
        int port = SERVER.server().port();
        assertEquals(101, statusWithOrigin(SERVER.server(), ORIGINS, "http://127.0.0.1:" + port), "same origin as Host");
        assertEquals(101, statusWithOrigin(SERVER.server(), ORIGINS, null), "no Origin: not a browser");
    }

    @Test
    void anEndpointsOriginsAddToTheServersAllowList() throws Exception {
        WebSocketServer listed = TestServers.start(builder -> builder.allowedOrigins(SERVER_ORIGIN),
                new OriginsEndpoint_WebSocketEndpoint(() -> new OriginsEndpoint(recorder)),
                new EchoEndpoint_WebSocketEndpoint());
        try {
            assertEquals(101, statusWithOrigin(listed, ORIGINS, SERVER_ORIGIN));
            assertEquals(101, statusWithOrigin(listed, ORIGINS, OriginsEndpoint.APP));
            assertEquals(101, statusWithOrigin(listed, ECHO, SERVER_ORIGIN));
            assertEquals(403, statusWithOrigin(listed, ECHO, OriginsEndpoint.APP));
            assertEquals(403, statusWithOrigin(listed, ORIGINS, "https://evil.example.com"));
        } finally {
            listed.stop();
        }
    }

    @Test
    void anEndpointAllowingEveryOriginAcceptsAnyOrigin() throws Exception {
        assertEquals(101, statusWithOrigin(SERVER.server(), "/any-origin", "https://anything.example"));
        assertEquals(101, statusWithOrigin(SERVER.server(), "/any-origin", "null"));
        assertEquals(403, statusWithOrigin(SERVER.server(), ECHO, "https://anything.example"));
    }
}
