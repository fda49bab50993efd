package io.wsconnector.tests.handshake;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.wsconnector.testing.WebSocketServerExtension;
import io.wsconnector.tests.Recorder;
import io.wsconnector.tests.RoomEndpoint;
import io.wsconnector.tests.RoomEndpoint_WebSocketEndpoint;
import io.wsconnector.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code @PathParam} over real sockets: values from a template reach every kind of handler, typed
 * ({@code String}, {@code int}, {@code long}, {@code boolean}, {@code UUID}, enum, primitive or boxed), decoded;
 * a value that does not convert refuses the handshake with 400 before any handler runs.
 */
@Timeout(60)
class PathParamTest {
    private static final UUID ID = UUID.fromString("123e4567-e89b-42d3-a456-426614174000");

    private static volatile Recorder recorder = new Recorder();

    @RegisterExtension
    static final WebSocketServerExtension SERVER = WebSocketServerExtension.serving(
                    new RoomEndpoint_WebSocketEndpoint(() -> new RoomEndpoint(recorder)),
                    new TypedPathEndpoint_WebSocketEndpoint(() -> new TypedPathEndpoint(recorder)));

    @BeforeEach
    void newRecorder() {
        recorder = new Recorder();
    }

    private static String typedPath(String text, String number, String big, String flag, String id, String color) {
        return "/typed/" + text + "/" + number + "/" + big + "/" + flag + "/" + id + "/" + color;
    }

    @Test
    void theTemplateIsServedWithItsBraces() {
        assertEquals(List.of("/rooms/{room}/{userId}", "/typed/{text}/{number}/{big}/{flag}/{id}/{color}"),
                SERVER.server().endpointUris().stream().map(uri -> uri.getPath()).toList());
    }

    @Test
    void pathParametersReachEveryHandler() throws Exception {
        String path = "/rooms/lobby/42";
        try (RawWebSocketClient client = SERVER.clients().raw(path)) {
            assertEquals("lobby/42: hello", client.sendText("hello").readText());

            client.sendFrame(true, RawWebSocketClient.BINARY, new byte[] {1, 2, 3});
            RawWebSocketClient.Frame binary = client.readFrame();
            assertEquals(RawWebSocketClient.BINARY, binary.opcode(), binary::toString);
            byte[] prefix = "lobby/42:".getBytes(StandardCharsets.UTF_8);
            byte[] expected = Arrays.copyOf(prefix, prefix.length + 3);
            expected[prefix.length] = 1;
            expected[prefix.length + 1] = 2;
            expected[prefix.length + 2] = 3;
            assertArrayEquals(expected, binary.payload());

            client.sendFrame(true, RawWebSocketClient.PING, "p");
            RawWebSocketClient.Frame pong = client.readFrame();
            assertEquals(RawWebSocketClient.PONG, pong.opcode(), pong::toString);

            client.sendFrame(true, RawWebSocketClient.PONG, "q");
            client.sendText(RoomEndpoint.FAIL);
            assertEquals("error in lobby/42", client.readText(), "@OnError got the path parameters");
            assertEquals("lobby/42: still open", client.sendText("still open").readText());

            client.sendClose(1000, "");
            assertEquals(RawWebSocketClient.CLOSE, client.readClose().opcode());
        }

        Map<String, String> pathParams = new LinkedHashMap<>();
        pathParams.put("room", "lobby");
        pathParams.put("userId", "42");
        List<Recorder.Call> expected = List.of(
                Recorder.Call.of("OnUpgrade", "lobby", 42),
                Recorder.Call.of("request", path, "lobby", pathParams),
                Recorder.Call.of("OnOpen", "lobby", 42),
                Recorder.Call.of("session", "lobby", "42", null),
                Recorder.Call.of("OnTextMessage", "lobby", 42, "hello"),
                Recorder.Call.of("OnBinaryMessage", "lobby", 42, 3),
                Recorder.Call.of("OnPing", "lobby", 42, "p"),
                Recorder.Call.of("OnPong", "lobby", 42, "q"),
                Recorder.Call.of("OnTextMessage", "lobby", 42, RoomEndpoint.FAIL),
                Recorder.Call.of("OnError", "lobby", 42, RoomEndpoint.FAIL),
                Recorder.Call.of("OnTextMessage", "lobby", 42, "still open"),
                Recorder.Call.of("OnClose", "lobby", 42, 1000));
        for (Recorder.Call call : expected) {
            assertEquals(call, recorder.next(Recorder.Call.class), () -> "all: " + recorder.all());
        }
        assertEquals(List.copyOf(pathParams.keySet()),
                List.copyOf(((Map<?, ?>) recorder.all(Recorder.Call.class).get(1).values().get(2)).keySet()),
                "pathParams() in template order");
    }

    @Test
    void pathParametersArePercentDecodedBeforeTheyAreConverted() throws Exception {
        try (RawWebSocketClient client = SERVER.clients().raw("/rooms/caf%C3%A9%20cr%C3%A8me/%2D7")) {
            assertEquals("café crème/-7: hi", client.sendText("hi").readText());
        }
        assertEquals(Recorder.Call.of("OnUpgrade", "café crème", -7), recorder.next(Recorder.Call.class));
    }

    @Test
    void everySupportedTypeIsConvertedForEveryHandler() throws Exception {
        String path = typedPath("hello%20world", "-2147483648", "9007199254740993", "TRUE", ID.toString(), "GREEN");
        try (RawWebSocketClient client = SERVER.clients().raw(path)) {
            assertEquals("hello world|" + ID + "|GREEN|hi", client.sendText("hi").readText());
            client.sendClose(1000, "");
            client.readClose();
        }

        assertEquals(Recorder.Call.of("OnUpgrade", "hello world", Integer.MIN_VALUE, 9007199254740993L, true, ID,
                TypedPathEndpoint.Color.GREEN), recorder.next(Recorder.Call.class));
        assertEquals(Recorder.Call.of("OnOpen", Integer.MIN_VALUE, 9007199254740993L, Boolean.TRUE,
                TypedPathEndpoint.Color.GREEN), recorder.next(Recorder.Call.class));
        assertEquals(Recorder.Call.of("OnTextMessage", "hi"), recorder.next(Recorder.Call.class));
        assertEquals(Recorder.Call.of("OnClose", TypedPathEndpoint.Color.GREEN, 1000), recorder.next(Recorder.Call.class));
    }

    @Test
    void falseIsABooleanToo() throws Exception {
        try (RawWebSocketClient client = SERVER.clients().raw(typedPath("x", "0", "0", "false", ID.toString(), "RED"))) {
            assertEquals("x|" + ID + "|RED|m", client.sendText("m").readText());
        }
        assertEquals(Recorder.Call.of("OnUpgrade", "x", 0, 0L, false, ID, TypedPathEndpoint.Color.RED),
                recorder.next(Recorder.Call.class));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "number | seven",
            "number | 2147483648",
            "number | 1.0",
            "big    | 9223372036854775808",
            "big    | 12abc",
            "flag   | yes",
            "flag   | 1",
            "id     | not-a-uuid",
            "color  | green",
            "color  | PURPLE"})
    void aPathValueThatDoesNotConvertIsRefusedWith400AndNoHandlerRuns(String name, String value) throws Exception {
        Map<String, String> values = new LinkedHashMap<>(Map.of("text", "t", "number", "1", "big", "2", "flag", "true",
                "id", ID.toString(), "color", "BLUE"));
        values.put(name, value);
        String path = typedPath(values.get("text"), values.get("number"), values.get("big"), values.get("flag"),
                values.get("id"), values.get("color"));

        RawWebSocketClient.Refusal refusal = SERVER.clients().rawRefusal(path);

        assertEquals(400, refusal.status(), () -> refusal.response().statusLine() + " " + refusal.body());
        assertEquals("Invalid path parameter '" + name + "': '" + value + "'", refusal.body());
        assertNoHandlerRanBeforeAnAcceptedConnection();
    }

    @Test
    void aPathValueThatIsNotPercentEncodedUtf8IsRefusedWith400AndNoHandlerRuns() throws Exception {
        RawWebSocketClient.Refusal refusal = SERVER.clients().rawRefusal("/rooms/caf%E9/1");

        assertEquals(400, refusal.status(), () -> refusal.response().statusLine() + " " + refusal.body());
        assertTrue(refusal.body().contains("caf%E9"), refusal::body);
        assertNoHandlerRanBeforeAnAcceptedConnection();
    }

    @Test
    void aTemplateMatchesWholeSegmentsOnly() throws Exception {
        for (String path : List.of("/rooms/lobby", "/rooms/lobby/1/extra", "/rooms//1", "/rooms/lobby/")) {
            assertEquals(404, SERVER.clients().rawRefusal(path).status(), path);
        }
        assertNoHandlerRanBeforeAnAcceptedConnection();
    }

    /** The next handler calls are those of a new, accepted connection: nothing of the refused ones came first. */
    private static void assertNoHandlerRanBeforeAnAcceptedConnection() throws Exception {
        try (RawWebSocketClient client = SERVER.clients().raw("/rooms/after/1")) {
            assertEquals("after/1: m", client.sendText("m").readText());
        }
        assertEquals(Recorder.Call.of("OnUpgrade", "after", 1), recorder.next(Recorder.Call.class),
                () -> "all: " + recorder.all());
    }
}
