package io.wsconnector.tests.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpClient;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.wsconnector.runtime.TestServers;
import io.wsconnector.runtime.WebSocketServer;
import io.wsconnector.runtime.internal.DecodeFailures;
import io.wsconnector.testsupport.JdkClient;
import io.wsconnector.testsupport.LogCapture;

/**
 * Typed JSON messages over real sockets: each value of the dispatch key reaches its handler, typed replies
 * (direct, asynchronous, broadcast) arrive byte for byte as avaje-jsonb writes them, a JSON message sent in
 * fragments is decoded whole, and every kind of bad message has its outcome: the endpoint's
 * {@code @OnError}, or without one a close with 1003 or 1007, a fixed reason and one DEBUG log line.
 */
@Timeout(60)
class TypedMessagesTest {
    private static HttpClient http;
    private static WebSocketServer server;

    @BeforeAll
    static void startServer() {
        http = HttpClient.newHttpClient();
        server = TestServers.start(new GameEndpoint_WebSocketEndpoint(), new LenientGameEndpoint_WebSocketEndpoint());
    }

    @AfterAll
    static void stopServer() {
        TestServers.stop(server);
        http.close();
    }

    private static JdkClient game() throws Exception {
        return JdkClient.connect(http, TestServers.uri(server, "/game"));
    }

    @Test
    void eachValueOfTheKeyReachesItsHandler_withItsTypedReplyByteForByte() throws Exception {
        JdkClient client = game();

        assertEquals("{\"room\":\"lobby\",\"by\":\"join\"}", client.send("{\"type\":\"join\",\"room\":\"lobby\"}").awaitText());
        assertEquals("{\"x\":4,\"y\":3,\"by\":\"move\"}", client.send("{\"x\":3,\"type\":\"move\",\"y\":4}").awaitText());
        assertEquals("raw {\"type\":\"raw\",\"n\":[1,{}]}", client.send("{\"type\":\"raw\",\"n\":[1,{}]}").awaitText());
        client.send("{\"type\":\"nothing\"}");
        assertEquals("{\"x\":1,\"y\":2,\"by\":\"move\"}", client.send("{\"type\":\"move\",\"x\":2,\"y\":1}").awaitText());
        client.send("{\"type\":\"leave\"}");
        assertEquals(new JdkClient.Close(1000, "bye"), client.awaitClose());
    }

    @Test
    void textBeyondAscii_isDecodedAndEncodedByteForByte() throws Exception {
        JdkClient client = game();

        // typed handlers read the message's UTF-8 and reply with avaje-jsonb's; a String handler gets the text
        assertEquals("{\"room\":\"café €😀\",\"by\":\"join\"}",
                client.send("{\"type\":\"join\",\"room\":\"café €😀\"}").awaitText());
        assertEquals("{\"room\":\"\\\"é\\\"\",\"by\":\"join\"}",
                client.send("{\"type\":\"join\",\"room\":\"\\u0022\\u00e9\\\"\"}").awaitText());
        assertEquals("raw {\"type\":\"raw\",\"n\":\"ünï 😀\"}",
                client.send("{\"type\":\"raw\",\"n\":\"ünï 😀\"}").awaitText());
        client.close(1000, "");
    }

    @Test
    void aCompletionStageOfATypedValueIsEncodedAndSentWhenItCompletes() throws Exception {
        JdkClient client = game();

        assertEquals("{\"x\":7,\"y\":-8,\"by\":\"later\"}", client.send("{\"type\":\"later\",\"x\":7,\"y\":-8}").awaitText());
        client.close(1000, "");
    }

    @Test
    void aTypedBroadcastReachesEverySessionWithTheSameBytes() throws Exception {
        JdkClient sender = game();
        JdkClient other = game();

        sender.send("{\"type\":\"say\",\"text\":\"hi \\\"all\\\"\"}");

        assertEquals("{\"text\":\"hi \\\"all\\\"!\"}", sender.awaitText());
        assertEquals("{\"text\":\"hi \\\"all\\\"!\"}", other.awaitText());
        sender.close(1000, "");
        other.close(1000, "");
    }

    @Test
    void aJsonMessageSplitAcrossFragmentsIsDecodedWhole() throws Exception {
        JdkClient client = game();

        client.sendFragments("{\"ty", "pe\":\"mo", "ve\",\"x\":1", "0,\"y\":", "20}");

        assertEquals("{\"x\":20,\"y\":10,\"by\":\"move\"}", client.awaitText());
        client.close(1000, "");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON                    | not json                          | 1007 | Malformed message",
            "JSON with text after it     | {\"type\":\"move\"} {}              | 1007 | Malformed message",
            "a trailing comma            | {\"type\":\"move\",\"x\":1,}        | 1007 | Malformed message",
            "no key                      | {\"x\":1,\"y\":2}                   | 1007 | Message without its type key",
            "a key that is not a string  | {\"type\":3}                        | 1007 | Message without its type key",
            "not an object               | [\"move\"]                          | 1007 | Message without its type key",
            "an unknown type             | {\"type\":\"fly\",\"x\":1}          | 1003 | Unknown message type",
            "a field of the wrong type   | {\"type\":\"move\",\"x\":\"three\"} | 1007 | Message does not fit its type",
    })
    void aMessageThatDoesNotDecode_withoutOnError_closesWithItsCodeAndAFixedReason_loggedOnceAtDebug(
            String what, String message, int code, String reason) throws Exception {
        try (LogCapture log = new LogCapture(DecodeFailures.class.getName());
             LogCapture runtimeLog = new LogCapture("io.wsconnector.runtime")) {
            JdkClient client = game();

            client.send(message);

            // the first thing to arrive is the close: no handler ran
            assertEquals(new JdkClient.Close(code, reason), client.awaitEvent(), what);
            assertEquals(List.of(Level.FINE), log.levelsOf("with " + code + ": a message did not decode"));
            assertEquals(List.of(), runtimeLog.levelsOf("1011"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "MALFORMED   | not json",
            "MISSING_KEY | {\"x\":1}",
            "UNKNOWN_KEY | {\"type\":\"fly\"}",
            "MISMATCH    | {\"type\":\"move\",\"y\":true}",
    })
    void aMessageThatDoesNotDecode_goesToOnErrorWithItsFailureAndText_andTheConnectionStaysOpen(
            String failure, String message) throws Exception {
        JdkClient client = JdkClient.connect(http, TestServers.uri(server, "/lenient-game"));

        assertEquals(failure + " " + message, client.send(message).awaitText());
        assertEquals("{\"x\":1,\"y\":2,\"by\":\"lenient\"}", client.send("{\"type\":\"move\",\"x\":1,\"y\":2}").awaitText());
        client.close(1000, "");
    }
}
