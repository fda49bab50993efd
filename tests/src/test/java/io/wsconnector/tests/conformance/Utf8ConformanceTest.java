package io.wsconnector.tests.conformance;

import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.wsconnector.runtime.TestServers;
import io.wsconnector.runtime.WebSocketServer;
import io.wsconnector.testing.WebSocketServerExtension;
import io.wsconnector.tests.Conformance;
import io.wsconnector.tests.EchoEndpoint;
import io.wsconnector.tests.EchoEndpoint_WebSocketEndpoint;
import io.wsconnector.tests.Recorder;
import io.wsconnector.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.wsconnector.tests.Conformance.ECHO;
import static io.wsconnector.tests.Conformance.assertFailedWith;
import static io.wsconnector.tests.Conformance.bytes;
import static io.wsconnector.tests.Conformance.concat;
import static io.wsconnector.tests.Conformance.utf8;
import static io.wsconnector.testsupport.RawWebSocketClient.CONTINUATION;
import static io.wsconnector.testsupport.RawWebSocketClient.PING;
import static io.wsconnector.testsupport.RawWebSocketClient.PONG;
import static io.wsconnector.testsupport.RawWebSocketClient.TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RFC 6455, sections 5.6 and 8.1: text messages must be UTF-8 (RFC 3629); invalid UTF-8 fails the connection
 * with 1007 as soon as the byte that makes it invalid arrives, even inside a fragmented message, and a valid
 * character split across fragments arrives whole.
 */
@Timeout(60)
class Utf8ConformanceTest {
    private static final int FIN = 0x80;
    /** Valid text before the bad sequence (Autobahn's "κόσμε"), and after it. */
    private static final byte[] PREFIX = utf8("κόσμε");
    private static final byte[] SUFFIX = utf8("edited");

    @RegisterExtension
    static final WebSocketServerExtension SERVER = WebSocketServerExtension.serving(
                    new EchoEndpoint_WebSocketEndpoint())
            .configure(builder -> builder.closeTimeout(Conformance.LONG_CLOSE_TIMEOUT));

    /**
     * A byte sequence that is not UTF-8; {@code badIndex} is the first byte after which no continuation can
     * make it valid: the byte whose arrival must fail the connection.
     */
    record Invalid(String name, byte[] bytes, int badIndex) {
        @Override
        public String toString() {
            return name + " [" + Conformance.hex(bytes) + "]";
        }
    }

    static Stream<Invalid> invalidSequences() {
        return Stream.of(
                new Invalid("lone continuation byte 80", bytes(0x80), 0),
                new Invalid("lone continuation byte BF", bytes(0xBF), 0),
                new Invalid("overlong 2-byte '/'", bytes(0xC0, 0xAF), 0),
                new Invalid("overlong 2-byte U+007F", bytes(0xC1, 0xBF), 0),
                new Invalid("overlong 3-byte '/'", bytes(0xE0, 0x80, 0xAF), 1),
                new Invalid("overlong 3-byte U+07FF", bytes(0xE0, 0x9F, 0xBF), 1),
                new Invalid("overlong 4-byte U+FFFF", bytes(0xF0, 0x8F, 0xBF, 0xBF), 1),
                new Invalid("surrogate U+D800", bytes(0xED, 0xA0, 0x80), 1),
                new Invalid("surrogate U+DFFF", bytes(0xED, 0xBF, 0xBF), 1),
                new Invalid("above U+10FFFF", bytes(0xF4, 0x90, 0x80, 0x80), 1),
                new Invalid("lead byte F5", bytes(0xF5, 0x80, 0x80, 0x80), 0),
                new Invalid("byte FE", bytes(0xFE), 0),
                new Invalid("byte FF", bytes(0xFF), 0),
                new Invalid("2-byte lead then ASCII", bytes(0xC2, 0x41), 1),
                new Invalid("3-byte lead, 1 continuation, then ASCII", bytes(0xE2, 0x82, 0x41), 2),
                new Invalid("4-byte lead, 2 continuations, then ASCII", bytes(0xF0, 0x9F, 0x98, 0x41), 3),
                new Invalid("lead byte after lead byte", bytes(0xE2, 0xE2, 0x82, 0xAC), 1));
    }

    /** Each invalid sequence with each position where the fragment boundary can fall, from before its first byte to after its last. */
    static Stream<Arguments> invalidSequencesSplitAtEveryByte() {
        return invalidSequences().flatMap(invalid -> IntStream.rangeClosed(0, invalid.bytes().length)
                .mapToObj(split -> Arguments.of(invalid, split)));
    }

    /** Sequences cut short: valid so far, but a text message may not end there. */
    static Stream<Arguments> truncatedSequences() {
        return Stream.of(bytes(0xC2), bytes(0xE2), bytes(0xE2, 0x82), bytes(0xF0, 0x9F), bytes(0xF0, 0x9F, 0x98),
                bytes(0xF4, 0x8F, 0xBF)).map(truncated -> Arguments.of(Conformance.hex(truncated), truncated));
    }

    /** Characters at the edges of each UTF-8 length and of the excluded ranges. */
    static Stream<String> boundaryCharacters() {
        return Stream.of("\u0080", "\u07FF", "\u0800", "\uD7FF", "\uE000", "\uFFFD", "\uFFFF", "\uD800\uDC00",
                "\uD83D\uDE00", "\uDBFF\uDFFF");
    }

    static Stream<Arguments> boundaryCharactersWithTheirBytes() {
        return boundaryCharacters().map(character -> Arguments.of(Conformance.hex(utf8(character)), character));
    }

    static Stream<Arguments> boundaryCharactersSplitAtEveryByte() {
        return boundaryCharacters().flatMap(character -> IntStream.range(1, utf8(character).length)
                .mapToObj(split -> Arguments.of(Conformance.hex(utf8(character)), character, split)));
    }

    private static RawWebSocketClient connect() throws Exception {
        return SERVER.clients().raw(ECHO);
    }

    /** A ping answered proves the server has not failed the connection over what was sent before it. */
    private static void assertStillOpen(RawWebSocketClient client, String marker) throws Exception {
        client.sendFrame(true, PING, marker);
        RawWebSocketClient.Frame frame = client.readFrame(Conformance.END_MILLIS);
        assertEquals(PONG, frame.opcode(), () -> "valid UTF-8 so far, but the server answered " + frame + " to a ping");
        assertEquals(marker, frame.text());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSequences")
    void section8_1_invalidUtf8InAWholeTextMessageIsClosedWith1007(Invalid invalid) throws Exception {
        try (RawWebSocketClient client = connect()) {
            client.sendFrame(true, TEXT, concat(PREFIX, invalid.bytes(), SUFFIX));

            assertFailedWith(client, 1007);
        }
    }

    @ParameterizedTest(name = "{0}, fragment boundary before byte {1}")
    @MethodSource("invalidSequencesSplitAtEveryByte")
    void section8_1_invalidUtf8SplitAcrossFragmentsIsClosedWith1007AsSoonAsTheBadByteArrives(Invalid invalid, int split)
            throws Exception {
        byte[] first = concat(PREFIX, Arrays.copyOfRange(invalid.bytes(), 0, split));
        byte[] second = concat(Arrays.copyOfRange(invalid.bytes(), split, invalid.bytes().length), SUFFIX);
        try (RawWebSocketClient client = connect()) {
            client.sendFrame(false, TEXT, first);
            if (invalid.badIndex() < split) {
                // the bad byte is in the first fragment
                assertFailedWith(client, 1007);
                return;
            }
            assertStillOpen(client, "first fragment is a valid prefix");

            client.sendFrame(false, CONTINUATION, second);

            // the final fragment is never sent: the bad byte alone must fail the connection
            assertFailedWith(client, 1007);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSequences")
    void section8_1_invalidUtf8SentOneByteAFragmentIsClosedWith1007AtTheBadByte(Invalid invalid) throws Exception {
        try (RawWebSocketClient client = connect()) {
            client.sendFrame(false, TEXT, PREFIX);
            for (int i = 0; i < invalid.badIndex(); i++) {
                client.sendFrame(false, CONTINUATION, new byte[] {invalid.bytes()[i]});
            }
            assertStillOpen(client, "valid prefix");

            client.sendFrame(false, CONTINUATION, new byte[] {invalid.bytes()[invalid.badIndex()]});

            assertFailedWith(client, 1007);
        }
    }

    @ParameterizedTest(name = "ends with {0}")
    @MethodSource("truncatedSequences")
    void section8_1_textMessageEndingInsideACharacterIsClosedWith1007(String hex, byte[] truncated) throws Exception {
        try (RawWebSocketClient client = connect()) {
            client.sendFrame(true, TEXT, concat(PREFIX, truncated));

            assertFailedWith(client, 1007);
        }
    }

    @ParameterizedTest(name = "ends with {0}")
    @MethodSource("truncatedSequences")
    void section8_1_fragmentedTextMessageEndingInsideACharacterIsClosedWith1007(String hex, byte[] truncated) throws Exception {
        try (RawWebSocketClient client = connect()) {
            client.sendFrame(false, TEXT, concat(PREFIX, truncated));
            assertStillOpen(client, "a character may continue in the next fragment");

            client.sendFrame(true, CONTINUATION, new byte[0]);

            assertFailedWith(client, 1007);
        }
    }

    @ParameterizedTest(name = "{0} split before byte {2}")
    @MethodSource("boundaryCharactersSplitAtEveryByte")
    void section8_1_validCharacterSplitAcrossFragmentsArrivesWhole(String hex, String character, int split)
            throws Exception {
        byte[] encoded = utf8(character);
        try (RawWebSocketClient client = connect()) {
            client.sendFrame(false, TEXT, concat(utf8("a"), Arrays.copyOfRange(encoded, 0, split)));
            client.sendFrame(true, CONTINUATION, concat(Arrays.copyOfRange(encoded, split, encoded.length), utf8("b")));

            String echo = client.readText();
            assertEquals("a" + character + "b", echo, () -> "echo " + Conformance.hex(utf8(echo)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("boundaryCharactersWithTheirBytes")
    void section8_1_validCharacterSentOneByteAFragmentArrivesWhole(String hex, String character) throws Exception {
        byte[] encoded = utf8(character);
        try (RawWebSocketClient client = connect()) {
            client.sendFrame(false, TEXT, new byte[0]);
            for (int i = 0; i < encoded.length; i++) {
                client.sendFrame(i == encoded.length - 1, CONTINUATION, new byte[] {encoded[i]});
            }

            assertEquals(character, client.readText());
        }
    }

    @Test
    void section8_1_boundaryCharactersInAWholeMessageAreEchoedIntact() throws Exception {
        String all = String.join("|", boundaryCharacters().toList());
        try (RawWebSocketClient client = connect()) {
            client.sendFrame(true, TEXT, utf8(all));

            byte[] echo = Conformance.readTextMessage(client);
            assertEquals(Conformance.hex(utf8(all)), Conformance.hex(echo));
        }
    }

    @Test
    void section8_1_validationStartsAfreshWithEachMessage() throws Exception {
        try (RawWebSocketClient client = connect()) {
            // a message that ends right after a complete 4-byte character, then one starting with a continuation byte
            client.sendTextFragments("x", "😀");
            assertEquals("x😀", client.readText());

            client.sendFrame(true, TEXT, bytes(0x98, 0x80));

            assertFailedWith(client, 1007);
        }
    }

    @Test
    void section8_1_invalidUtf8IsNotDelivered() throws Exception {
        Recorder recorder = new Recorder();
        WebSocketServer own = TestServers.start(new EchoEndpoint_WebSocketEndpoint(() -> new EchoEndpoint(recorder)));
        try (RawWebSocketClient client = RawWebSocketClient.connect(own.port(), ECHO)) {
            client.sendFrame(true, TEXT, concat(PREFIX, bytes(0xED, 0xA0, 0x80), SUFFIX));

            RawWebSocketClient.Frame close = client.readClose();
            assertEquals(1007, close.closeCode(), close::toString);
            assertTrue(recorder.all(Recorder.Message.class).isEmpty(), () -> "handled: " + recorder.all());
        } finally {
            own.stop();
        }
    }
}
