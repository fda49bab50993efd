package io.wsconnector.tests.handshake;

import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

import io.wsconnector.testing.WebSocketServerExtension;
import io.wsconnector.tests.Conformance;
import io.wsconnector.tests.Recorder;
import io.wsconnector.testsupport.JdkClient;
import io.wsconnector.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code @OnUpgrade} over real sockets: it refuses a connection with the status and body it chooses (and then no
 * other handler runs), and what it stores on the session or in the endpoint's fields is there for
 * {@code @OnOpen} and later handlers.
 */
@Timeout(60)
class UpgradeTest {
    private static final String GUARDED = "/guarded";
    /** What the session does before the 101: no sending, no closing, not open. */
    private static final String CANNOT_SEND_YET =
            "send: IllegalStateException, close: IllegalStateException, open: false";

    private static volatile Recorder recorder = new Recorder();

    @RegisterExtension
    static final WebSocketServerExtension SERVER = WebSocketServerExtension.serving(
            new GuardedEndpoint_WebSocketEndpoint(() -> new GuardedEndpoint(recorder)));

    @BeforeEach
    void newRecorder() {
        recorder = new Recorder();
    }

    /**
     * After a refusal, an accepted connection runs to its close: had the refused one opened, its handlers
     * would be recorded by then too. Only the accepted connection's {@code @OnOpen} and {@code @OnClose} must be.
     */
    private static void assertNoHandlerRanForTheRefusedConnections(int refused) throws Exception {
        JdkClient accepted = SERVER.clients().connect(GUARDED + "?token=user-barrier");
        assertEquals("welcome BARRIER", accepted.awaitText());
        accepted.close(1000, "");
        assertEquals(Recorder.Call.of("OnClose", 1000, "barrier"), awaitCall("OnClose"));
        List<String> handlers = recorder.handlers();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < refused; i++) {
            expected.add("OnUpgrade");
        }
        expected.addAll(List.of("OnUpgrade", "OnOpen", "OnClose"));
        assertEquals(expected, handlers, () -> "calls: " + recorder.all());
    }

    private static Recorder.Call awaitCall(String handler) throws InterruptedException {
        while (true) {
            Recorder.Call call = recorder.nextOf(Recorder.Call.class);
            if (call.handler().equals(handler)) {
                return call;
            }
        }
    }

    @ParameterizedTest(name = "token={0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
            "NONE      | 401 | " + GuardedEndpoint.MISSING_TOKEN,
            "stolen    | 401 | " + GuardedEndpoint.UNKNOWN_TOKEN,
            "forbidden | 403 | " + GuardedEndpoint.FORBIDDEN_BODY,
            "busy      | 429 | " + GuardedEndpoint.BUSY_BODY})
    void aRejectedUpgradeAnswersTheChosenStatusWithTheMessageAsBodyAndNoOtherHandlerRuns(
            String token, int status, String body) throws Exception {
        RawWebSocketClient.Refusal refusal = SERVER.clients().rawRefusal(token == null ? GUARDED : GUARDED + "?token=" + token);

        assertEquals(status, refusal.status(), () -> refusal.response().statusLine());
        assertEquals(body, refusal.body());
        assertTrue(refusal.response().headers().getOrDefault("content-type", "").startsWith("text/plain"),
                () -> "headers: " + refusal.response().headers());
        assertNull(refusal.response().headers().get("sec-websocket-accept"), () -> "headers: " + refusal.response().headers());
        assertEquals(List.of(Recorder.Call.of("OnUpgrade", token, GUARDED, CANNOT_SEND_YET)),
                recorder.all(Recorder.Call.class), "only @OnUpgrade ran");
        assertNoHandlerRanForTheRefusedConnections(1);
    }

    @Test
    void aRejectedUpgradeEndsTheConnectionWithoutAnyFrame() throws Exception {
        try (RawWebSocketClient client = RawWebSocketClient.open(SERVER.server().port())) {
            RawWebSocketClient.HttpResponse response = client.request(RawWebSocketClient.handshakeRequest(SERVER.server().port(),
                    GUARDED + "?token=forbidden", RawWebSocketClient.newKey()));
            assertEquals(403, response.status(), response::statusLine);
            assertEquals(GuardedEndpoint.FORBIDDEN_BODY, client.readBody(response));

            assertEquals(List.of(), client.readFramesUntilEndOfStream(Conformance.END_MILLIS),
                    "nothing after the response, then the end of TCP");
        }
    }

    @Test
    void theJdkClientSeesTheStatusOfARejectedUpgrade() throws Exception {
        ExecutionException thrown = assertThrows(ExecutionException.class,
                () -> SERVER.clients().connect(GUARDED + "?token=forbidden"));

        WebSocketHandshakeException refused = assertInstanceOf(WebSocketHandshakeException.class, thrown.getCause());
        assertEquals(403, refused.getResponse().statusCode());
        assertNoHandlerRanForTheRefusedConnections(1);
    }

    @Test
    void anotherExceptionFromOnUpgradeAnswers500WithoutItsTextAndNoOtherHandlerRuns() throws Exception {
        RawWebSocketClient.Refusal refusal = SERVER.clients().rawRefusal(GUARDED + "?token=crash");

        assertEquals(500, refusal.status(), () -> refusal.response().statusLine());
        assertFalse(refusal.body().contains(GuardedEndpoint.SECRET), refusal::body);
        assertFalse(refusal.body().contains("Exception"), refusal::body);
        assertNoHandlerRanForTheRefusedConnections(1);
    }

    @Test
    void severalRefusalsInARowLeaveNoTrace() throws Exception {
        for (String token : List.of("forbidden", "busy", "stolen")) {
            SERVER.clients().rawRefusal(GUARDED + "?token=" + token);
        }
        assertNoHandlerRanForTheRefusedConnections(3);
    }

    @Test
    void aSessionAttributeAndAFieldSetByOnUpgradeAreSeenByOnOpenAndOnTextMessage() throws Exception {
        JdkClient client = SERVER.clients().connect(GUARDED + "?token=user-ada");

        assertEquals("welcome ADA", client.awaitText(), "@OnOpen read the attribute and could send");
        assertEquals("attribute=ADA field=ada message=hi", client.send("hi").awaitText());
        assertEquals("attribute=ADA field=ada message=again", client.send("again").awaitText());
        assertEquals(Recorder.Call.of("OnUpgrade", "user-ada", GUARDED, CANNOT_SEND_YET),
                recorder.next(Recorder.Call.class));
        assertEquals(Recorder.Call.of("OnOpen", "ADA", "ada", true), recorder.next(Recorder.Call.class));
        client.close(1000, "");
        assertEquals(Recorder.Call.of("OnClose", 1000, "ada"), awaitCall("OnClose"));
    }

    @Test
    void eachConnectionHasItsOwnAttributesAndInstance() throws Exception {
        JdkClient ada = SERVER.clients().connect(GUARDED + "?token=user-ada");
        JdkClient bob = SERVER.clients().connect(GUARDED + "?token=user-bob");

        assertEquals("welcome ADA", ada.awaitText());
        assertEquals("welcome BOB", bob.awaitText());
        assertEquals("attribute=BOB field=bob message=1", bob.send("1").awaitText());
        assertEquals("attribute=ADA field=ada message=2", ada.send("2").awaitText());
        ada.close(1000, "");
        bob.close(1000, "");
    }

    @Test
    void theSessionCannotSendOrCloseBeforeTheUpgradeIsAccepted() throws Exception {
        JdkClient client = SERVER.clients().connect(GUARDED + "?token=user-eve");

        assertEquals("welcome EVE", client.awaitText(), "nothing sent from @OnUpgrade reaches the client");
        Recorder.Call upgrade = recorder.next(Recorder.Call.class);
        assertEquals(CANNOT_SEND_YET, upgrade.values().get(2), upgrade::toString);
        client.close(1000, "");
    }
}
