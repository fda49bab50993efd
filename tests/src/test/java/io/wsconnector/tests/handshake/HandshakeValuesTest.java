package io.wsconnector.tests.handshake;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.wsconnector.testing.WebSocketServerExtension;
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

/**
 * {@code @QueryParam}, {@code @HeaderParam} and a {@code HandshakeRequest} parameter over real sockets: required
 * values refuse the handshake with 400 when missing, {@code Optional} ones are empty, typed ones convert or
 * refuse with 400, and no handler runs for a refused handshake.
 */
@Timeout(60)
class HandshakeValuesTest {
    private static final String VERSION_3 = "X-Client-Version: 3";
    private static final UUID TRACE = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");

    private static volatile Recorder recorder = new Recorder();

    @RegisterExtension
    static final WebSocketServerExtension SERVER = WebSocketServerExtension.serving(
            new ParamsEndpoint_WebSocketEndpoint(() -> new ParamsEndpoint(recorder)));

    @BeforeEach
    void newRecorder() {
        recorder = new Recorder();
    }

    @Test
    void requiredAndOptionalValuesThatArePresentAreConverted() throws Exception {
        try (RawWebSocketClient client = SERVER.clients().raw("/params?nick=ada&age=36&mode=FAST",
                VERSION_3, "X-Trace-Id: " + TRACE)) {
            assertEquals("nick=ada version=3", client.sendText(ParamsEndpoint.VALUES).readText());
        }
        assertEquals(Recorder.Call.of("OnUpgrade", "ada"), recorder.next(Recorder.Call.class));
        assertEquals(Recorder.Call.of("OnOpen", "ada", Optional.of(36), 3, Optional.of(TRACE),
                Optional.of(ParamsEndpoint.Mode.FAST)), recorder.next(Recorder.Call.class));
    }

    @Test
    void absentOptionalValuesAreEmpty() throws Exception {
        try (RawWebSocketClient client = SERVER.clients().raw("/params?nick=bob", VERSION_3)) {
            assertEquals("nick=bob version=3", client.sendText(ParamsEndpoint.VALUES).readText());
        }
        recorder.next(Recorder.Call.class);
        assertEquals(Recorder.Call.of("OnOpen", "bob", Optional.empty(), 3, Optional.empty(), Optional.empty()),
                recorder.next(Recorder.Call.class));
    }

    @Test
    void theJdkClientsHeadersAndQueryArrive() throws Exception {
        JdkClient client = SERVER.clients().connect("/params?nick=jdk&age=7",
                builder -> builder.header("X-Client-Version", "12").header("X-Trace-Id", TRACE.toString()));

        assertEquals("nick=jdk version=12", client.send(ParamsEndpoint.VALUES).awaitText());
        recorder.next(Recorder.Call.class);
        assertEquals(Recorder.Call.of("OnOpen", "jdk", Optional.of(7), 12, Optional.of(TRACE), Optional.empty()),
                recorder.next(Recorder.Call.class));
        client.close(1000, "");
        assertEquals(Recorder.Call.of("OnClose", 1000, "jdk"), recorder.next(Recorder.Call.class));
    }

    @Test
    void queryValuesAreDecodedAndTheFirstOfARepeatedOneIsUsed() throws Exception {
        try (RawWebSocketClient client = SERVER.clients().raw("/params?nick=J%C3%BCrgen+M%26M&nick=second", VERSION_3)) {
            assertEquals("nick=Jürgen M&M version=3", client.sendText(ParamsEndpoint.VALUES).readText());
        }
        assertEquals(Recorder.Call.of("OnUpgrade", "Jürgen M&M"), recorder.next(Recorder.Call.class));
    }

    @Test
    void headerNamesAreCaseInsensitive() throws Exception {
        try (RawWebSocketClient client = SERVER.clients().raw("/params?nick=c",
                "x-CLIENT-version: 5", "x-trace-ID: " + TRACE)) {
            assertEquals("nick=c version=5", client.sendText(ParamsEndpoint.VALUES).readText());
        }
        recorder.next(Recorder.Call.class);
        assertEquals(Recorder.Call.of("OnOpen", "c", Optional.empty(), 5, Optional.of(TRACE), Optional.empty()),
                recorder.next(Recorder.Call.class));
    }

    @Test
    void aHandshakeRequestParameterOfAMessageHandlerGivesTheWholeRequest() throws Exception {
        try (RawWebSocketClient client = SERVER.clients().raw("/params?nick=ada&nick=eve",
                VERSION_3, "X-Multi: a", "X-Multi: b")) {
            assertEquals("path=/params nick=ada all=[ada, eve] missing=false header=3 multi=a, b loopback=true"
                    + " offered=[] subprotocol=- sameAsSession=true", client.sendText(ParamsEndpoint.REQUEST).readText());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "/params                       | X-Client-Version: 3   | Missing query parameter 'nick'",
            "/params?name=ada              | X-Client-Version: 3   | Missing query parameter 'nick'",
            "/params?nick=ada              | X-Other: 3            | Missing header 'X-Client-Version'",
            "/params?nick=ada              | X-Client-Version: v3  | Invalid header 'X-Client-Version': 'v3'",
            "/params?nick=ada&age=old      | X-Client-Version: 3   | Invalid query parameter 'age': 'old'",
            "/params?nick=ada&mode=fast    | X-Client-Version: 3   | Invalid query parameter 'mode': 'fast'",
            "/params?nick=ada              | X-Trace-Id: 42        | Missing header 'X-Client-Version'"})
    void aMissingRequiredOrAnUnconvertibleValueIsRefusedWith400AndNoHandlerRuns(String path, String header, String body)
            throws Exception {
        RawWebSocketClient.Refusal refusal = SERVER.clients().rawRefusal(path, header);

        assertEquals(400, refusal.status(), () -> refusal.response().statusLine() + " " + refusal.body());
        assertEquals(body, refusal.body());
        assertNoHandlerRanBeforeAnAcceptedConnection();
    }

    @Test
    void anOptionalHeaderThatDoesNotConvertIsRefusedWith400() throws Exception {
        RawWebSocketClient.Refusal refusal = SERVER.clients().rawRefusal("/params?nick=ada", VERSION_3,
                "X-Trace-Id: not-a-uuid");

        assertEquals(400, refusal.status(), () -> refusal.response().statusLine() + " " + refusal.body());
        assertEquals("Invalid header 'X-Trace-Id': 'not-a-uuid'", refusal.body());
        assertNoHandlerRanBeforeAnAcceptedConnection();
    }

    /** The next handler calls are those of a new, accepted connection: nothing of the refused ones came first. */
    private static void assertNoHandlerRanBeforeAnAcceptedConnection() throws Exception {
        try (RawWebSocketClient client = SERVER.clients().raw("/params?nick=after", VERSION_3)) {
            assertEquals("echo", client.sendText("echo").readText());
            client.sendClose(1000, "");
            client.readClose();
        }
        assertEquals(List.of(Recorder.Call.of("OnUpgrade", "after"), "OnOpen", Recorder.Call.of("OnClose", 1000, "after")),
                List.of(recorder.next(Recorder.Call.class), recorder.next(Recorder.Call.class).handler(),
                        recorder.next(Recorder.Call.class)), () -> "all: " + recorder.all());
    }
}
