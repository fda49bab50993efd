package io.wsconnector.tests.conformance;

import java.io.ByteArrayOutputStream;

import io.wsconnector.testing.WebSocketServerExtension;
import io.wsconnector.tests.Conformance;
import io.wsconnector.tests.EchoEndpoint_WebSocketEndpoint;
import io.wsconnector.testsupport.Frames;
import io.wsconnector.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.wsconnector.tests.Conformance.ECHO;
import static io.wsconnector.tests.Conformance.MIB;
import static io.wsconnector.tests.Conformance.assertFailedWith;
import static io.wsconnector.tests.Conformance.concat;
import static io.wsconnector.tests.Conformance.utf8;
import static io.wsconnector.testsupport.RawWebSocketClient.BINARY;
import static io.wsconnector.testsupport.RawWebSocketClient.CONTINUATION;
import static io.wsconnector.testsupport.RawWebSocketClient.PING;
import static io.wsconnector.testsupport.RawWebSocketClient.PONG;
import static io.wsconnector.testsupport.RawWebSocketClient.TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * RFC 6455, section 5.4: fragmentation — continuation rules, control frames between fragments, and
 * messages reassembled intact whatever the fragment size.
 */
@Timeout(60)
class FragmentationConformanceTest {
    private static final int FIN = 0x80;
    private static final int FOUR_MIB = 4 * MIB;

    @RegisterExtension
    static final WebSocketServerExtension SERVER = WebSocketServerExtension.serving(
                    new EchoEndpoint_WebSocketEndpoint())
            .configure(builder -> builder.maxMessageSize(FramingConformanceTest.BIG_LIMIT)
                            .closeTimeout(Conformance.LONG_CLOSE_TIMEOUT));

    private static RawWebSocketClient connect() throws Exception {
        return SERVER.clients().raw(ECHO);
    }

    private static void assertPong(RawWebSocketClient client, String payload) throws Exception {
        RawWebSocketClient.Frame frame = client.readFrame();
        assertEquals(PONG, frame.opcode(), () -> "expected the pong '" + payload + "', got " + frame);
        assertEquals(payload, frame.text());
    }

    @ParameterizedTest(name = "FIN={0}")
    @ValueSource(booleans = {true, false})
    void section5_4_continuationWithoutAStartIsClosedWith1002(boolean fin) throws Exception {
        try (RawWebSocketClient client = connect()) {
            client.sendFrame(fin, CONTINUATION, "orphan");

            assertFailedWith(client, 1002);
        }
    }

    @Test
    void section5_4_continuationAfterACompletedMessageIsClosedWith1002() throws Exception {
        try (RawWebSocketClient client = connect()) {
            client.sendTextFragments("com", "plete");
            assertEquals("complete", client.readText());

            client.sendFrame(true, CONTINUATION, "one too many");

            assertFailedWith(client, 1002);
        }
    }

    @ParameterizedTest(name = "new frame: opcode {0}")
    @ValueSource(ints = {TEXT, BINARY})
    void section5_4_dataFrameInsideAnUnfinishedMessageIsClosedWith1002(int opcode) throws Exception {
        try (RawWebSocketClient client = connect()) {
            client.sendFrame(false, TEXT, "unfinished ");
            client.sendFrame(true, opcode, utf8("intruder"));

            assertFailedWith(client, 1002);
        }
    }

    @Test
    void section5_4_pingsInsideAFragmentedMessageAreAnsweredAtOnceInOrderBeforeTheEcho() throws Exception {
        try (RawWebSocketClient client = connect()) {
            client.sendFrame(false, TEXT, "Hel");
            client.sendFrame(true, PING, "p1");
            // answered while the message is still unfinished
            assertPong(client, "p1");

            client.writeRaw(concat(
                    Frames.encode(CONTINUATION, true, utf8("lo, ")),
                    Frames.encode(FIN | PING, true, utf8("p2")),
                    Frames.encode(FIN | PING, true, utf8("p3")),
                    Frames.encode(CONTINUATION, true, new byte[0]),
                    Frames.encode(FIN | PING, true, utf8("p4")),
                    Frames.encode(FIN | CONTINUATION, true, utf8("world")),
                    Frames.encode(FIN | PING, true, utf8("p5"))));

            assertPong(client, "p2");
            assertPong(client, "p3");
            assertPong(client, "p4");
            assertEquals("Hello, world", client.readText());
            assertPong(client, "p5");
        }
    }

    @Test
    void section5_4_unsolicitedPongsInsideAFragmentedMessageAreIgnored() throws Exception {
        try (RawWebSocketClient client = connect()) {
            client.sendFrame(false, TEXT, "a");
            client.sendFrame(true, PONG, "unsolicited");
            client.sendFrame(false, CONTINUATION, "b");
            client.sendFrame(true, PONG, new byte[0]);
            client.sendFrame(true, CONTINUATION, "c");

            assertEquals("abc", client.readText(), "the echo, with no frame before it");
        }
    }

    @Test
    void section5_4_emptyFragmentsAnywhereInAMessageAreAllowed() throws Exception {
        try (RawWebSocketClient client = connect()) {
            client.sendTextFragments("", "", "abc", "", "def", "");
            assertEquals("abcdef", client.readText());

            client.sendTextFragments("", "", "");
            assertEquals("", client.readText());
        }
    }

    @ParameterizedTest(name = "fragments of {0} bytes")
    @ValueSource(ints = {64, 4096, MIB, FOUR_MIB})
    void section5_4_aFourMebibyteMessageInFragmentsIsEchoedIntact(int fragmentSize) throws Exception {
        // characters of 1 to 4 bytes: most fragment boundaries split a character
        byte[] message = Conformance.mixedText(FOUR_MIB, fragmentSize);
        try (RawWebSocketClient client = connect()) {
            client.sendFragmented(TEXT, message, fragmentSize);

            client.readTimeout(30_000);
            Conformance.assertSameBytes(message, Conformance.readTextMessage(client), "echo");
        }
    }

    @Test
    void section5_4_manyFragmentedMessagesInOneWriteAreEchoedInOrder() throws Exception {
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        for (int i = 0; i < 50; i++) {
            batch.writeBytes(Frames.encode(TEXT, true, utf8("m" + i + "-")));
            batch.writeBytes(Frames.encode(CONTINUATION, true, utf8("middle-")));
            batch.writeBytes(Frames.encode(FIN | CONTINUATION, true, utf8("end")));
        }
        try (RawWebSocketClient client = connect()) {
            client.writeRaw(batch.toByteArray());

            for (int i = 0; i < 50; i++) {
                assertEquals("m" + i + "-middle-end", client.readText());
            }
        }
    }
}
