package io.wsconnector.tests.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.wsconnector.testing.WebSocketServerExtension;
import io.wsconnector.tests.Conformance;
import io.wsconnector.tests.EchoEndpoint_WebSocketEndpoint;
import io.wsconnector.testsupport.Frames;
import io.wsconnector.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.wsconnector.tests.Conformance.ECHO;
import static io.wsconnector.tests.Conformance.MIB;
import static io.wsconnector.tests.Conformance.assertFailedWith;
import static io.wsconnector.tests.Conformance.bytes;
import static io.wsconnector.tests.Conformance.concat;
import static io.wsconnector.tests.Conformance.utf8;
import static io.wsconnector.testsupport.RawWebSocketClient.BINARY;
import static io.wsconnector.testsupport.RawWebSocketClient.CLOSE;
import static io.wsconnector.testsupport.RawWebSocketClient.CONTINUATION;
import static io.wsconnector.testsupport.RawWebSocketClient.PING;
import static io.wsconnector.testsupport.RawWebSocketClient.PONG;
import static io.wsconnector.testsupport.RawWebSocketClient.TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RFC 6455, sections 5.1–5.3: the base framing protocol — masking, reserved bits and opcodes, payload
 * lengths — and the message size limit applied to frame headers.
 */
@Timeout(60)
class FramingConformanceTest {
    /** The server's message limit: large enough for a 16 MiB message. */
    static final int BIG_LIMIT = 16 * MIB + 1;

    private static final int FIN = 0x80;

    @RegisterExtension
    static final WebSocketServerExtension SERVER = WebSocketServerExtension.serving(
                    new EchoEndpoint_WebSocketEndpoint())
            .configure(builder -> builder.maxMessageSize(BIG_LIMIT).closeTimeout(Conformance.LONG_CLOSE_TIMEOUT));

    private static RawWebSocketClient connect() throws Exception {
        return SERVER.clients().raw(ECHO);
    }

    private static byte[] maskKey() {
        return bytes(0x37, 0xFA, 0x21, 0x3D);
    }

    @Test
    void section5_1_serverFramesAreUnmaskedFinalAndHaveNoReservedBits() throws Exception {
        try (RawWebSocketClient client = connect()) {
            client.sendText("hello");
            client.sendFrame(true, PING, "p");

            for (RawWebSocketClient.Frame frame : List.of(client.readFrame(), client.readFrame())) {
                // readFrame fails on a masked frame
                assertTrue(frame.fin(), frame::toString);
                assertEquals(0, frame.rsv(), frame::toString);
            }
        }
    }

    static Stream<Arguments> unmaskedFrames() {
        return Stream.of(
                Arguments.of("text", FIN | TEXT, utf8("unmasked")),
                Arguments.of("empty text", FIN | TEXT, new byte[0]),
                Arguments.of("first fragment of a text", TEXT, utf8("unmasked first fragment")),
                Arguments.of("ping", FIN | PING, utf8("unmasked ping")),
                Arguments.of("close 1000", FIN | CLOSE, bytes(0x03, 0xE8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unmaskedFrames")
    void section5_1_unmaskedClientFrameIsClosedWith1002(String frame, int firstByte, byte[] payload) throws Exception {
        try (RawWebSocketClient client = connect()) {
            client.sendFrame(firstByte, false, payload);

            assertFailedWith(client, 1002);
        }
    }

    @Test
    void section5_1_unmaskedFrameAfterAnAnsweredMessageIsClosedWith1002() throws Exception {
        try (RawWebSocketClient client = connect()) {
            client.sendText("masked");
            assertEquals("masked", client.readText());

            client.sendFrame(FIN | TEXT, false, utf8("unmasked"));

            assertFailedWith(client, 1002);
        }
    }

    static Stream<Arguments> reservedBits() {
        return Stream.of(0x40, 0x20, 0x10, 0x70).flatMap(rsv -> Stream.of(
                Arguments.of(rsv, TEXT),
                Arguments.of(rsv, BINARY),
                Arguments.of(rsv, PING),
                Arguments.of(rsv, CLOSE)));
    }

    @ParameterizedTest(name = "RSV bits {0} (decimal) on opcode {1}")
    @MethodSource("reservedBits")
    void section5_2_reservedBitWithoutANegotiatedExtensionIsClosedWith1002(int rsv, int opcode) throws Exception {
        byte[] payload = opcode == CLOSE ? bytes(0x03, 0xE8) : utf8("rsv");
        try (RawWebSocketClient client = connect()) {
            client.sendFrame(FIN | rsv | opcode, true, payload);

            assertFailedWith(client, 1002);
        }
    }

    @ParameterizedTest(name = "RSV bits {0} (decimal)")
    @ValueSource(ints = {0x40, 0x20, 0x10})
    void section5_2_reservedBitOnAContinuationFrameIsClosedWith1002(int rsv) throws Exception {
        try (RawWebSocketClient client = connect()) {
            client.sendFrame(false, TEXT, "first ");
            client.sendFrame(FIN | rsv | CONTINUATION, true, utf8("last"));

            assertFailedWith(client, 1002);
        }
    }

    @ParameterizedTest(name = "opcode {0} (decimal)")
    @ValueSource(ints = {0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF})
    void section5_2_reservedOpcodeIsClosedWith1002(int opcode) throws Exception {
        try (RawWebSocketClient client = connect()) {
            client.sendFrame(FIN | opcode, true, utf8("reserved"));

            assertFailedWith(client, 1002);
        }
    }

    @ParameterizedTest(name = "opcode {0} (decimal)")
    @ValueSource(ints = {0x3, 0xB})
    void section5_2_reservedOpcodeAfterAnAnsweredMessageIsClosedWith1002AndLaterFramesAreIgnored(int opcode)
            throws Exception {
        try (RawWebSocketClient client = connect()) {
            client.sendText("before");
            assertEquals("before", client.readText());

            // the reserved frame and a ping in one write: the ping must not be answered
            client.writeRaw(concat(
                    Frames.encode(FIN | opcode, true, new byte[0]),
                    Frames.encode(FIN | PING, true, utf8("after")),
                    Frames.encode(FIN | TEXT, true, utf8("after"))));

            assertFailedWith(client, 1002);
        }
    }

    static IntStream messageSizes() {
        return IntStream.of(0, 1, 125, 126, 127, 65535, 65536, MIB, 16 * MIB);
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("messageSizes")
    void section5_2_payloadOfEveryLengthFormIsEchoedIntactWithTheMinimalLengthEncoding(int size) throws Exception {
        byte[] message = Conformance.asciiText(size, size);
        try (RawWebSocketClient client = connect()) {
            client.sendFrame(true, TEXT, message);

            RawWebSocketClient.Frame echo = client.readFrame(30_000);
            assertEquals(TEXT, echo.opcode(), echo::toString);
            assertTrue(echo.fin(), echo::toString);
            Conformance.assertSameBytes(message, echo.payload(), "echo");
            int minimal = size < 126 ? 7 : size < 65536 ? 16 : 64;
            assertEquals(minimal, echo.lengthFieldBits(), "RFC 6455, 5.2: the minimal number of bytes MUST be used");
        }
    }

    @Test
    void section5_2_64BitLengthWithTheMostSignificantBitSetIsClosedWith1002() throws Exception {
        try (RawWebSocketClient client = connect()) {
            client.writeRaw(concat(Frames.header64(FIN | TEXT, true, 0x8000_0000_0000_0005L), maskKey()));

            assertFailedWith(client, 1002);
        }
    }

    @Test
    void section5_2_frameHeaderAnnouncingMoreThanTheLimitIsClosedWith1009BeforeAnyPayloadIsSent() throws Exception {
        try (RawWebSocketClient client = connect()) {
            // only the header and the masking key: the server must not wait for the payload
            client.writeRaw(concat(Frames.header(FIN | TEXT, true, BIG_LIMIT + 1L), maskKey()));

            assertFailedWith(client, 1009);
        }
    }

    @Test
    void section5_2_frameHeaderAnnouncing2To63Minus1BytesIsClosedWith1009BeforeAnyPayloadIsSent() throws Exception {
        try (RawWebSocketClient client = connect()) {
            client.writeRaw(concat(Frames.header64(FIN | TEXT, true, Long.MAX_VALUE), maskKey()));

            assertFailedWith(client, 1009);
        }
    }

    @Test
    void section5_2_continuationHeaderTakingTheMessageOverTheLimitIsClosedWith1009BeforeItsPayload() throws Exception {
        try (RawWebSocketClient client = connect()) {
            client.sendFrame(false, TEXT, Conformance.asciiText(1000, 1));
            long rest = BIG_LIMIT - 1000 + 1;
            client.writeRaw(concat(Frames.header(FIN | CONTINUATION, true, rest), maskKey()));

            assertFailedWith(client, 1009);
        }
    }

    @ParameterizedTest(name = "mask {0}")
    @ValueSource(strings = {"00000000", "FFFFFFFF", "80000001"})
    void section5_3_anyMaskingKeyIsAccepted(String hexMask) throws Exception {
        byte[] mask = HexFormat.of().parseHex(hexMask);
        byte[] payload = utf8("masked with " + hexMask + " — ünïcödé");
        byte[] masked = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        try (RawWebSocketClient client = connect()) {
            client.writeRaw(concat(Frames.header(FIN | TEXT, true, payload.length), mask, masked));

            assertEquals(new String(payload, StandardCharsets.UTF_8), client.readText());
        }
    }

    @Test
    void section5_2_framesArrivingOneByteAtATimeAreParsed() throws Exception {
        byte[] payload = Conformance.mixedText(300, 7); // a 16-bit length field
        byte[] frames = concat(
                Frames.encode(FIN | PING, true, utf8("slow ping")),
                Frames.encode(FIN | TEXT, true, payload));
        try (RawWebSocketClient client = connect()) {
            for (byte b : frames) {
                client.writeRaw(new byte[] {b});
            }

            RawWebSocketClient.Frame pong = client.readFrame();
            assertEquals(PONG, pong.opcode(), pong::toString);
            assertEquals("slow ping", pong.text());
            Conformance.assertSameBytes(payload, Conformance.readTextMessage(client), "echo");
        }
    }

    @Test
    void section5_2_manyFramesInOneWriteAreAllAnsweredInOrder() throws Exception {
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String text = "message " + i + " " + "x".repeat(i);
            sent.add(text);
            batch.writeBytes(Frames.encode(FIN | TEXT, true, utf8(text)));
        }
        try (RawWebSocketClient client = connect()) {
            client.writeRaw(batch.toByteArray());

            for (String text : sent) {
                assertEquals(text, client.readText());
            }
        }
    }
}
