package io.wsconnector.tests.conformance;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;

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
import static io.wsconnector.tests.Conformance.assertFailedWith;
import static io.wsconnector.tests.Conformance.utf8;
import static io.wsconnector.testsupport.RawWebSocketClient.CLOSE;
import static io.wsconnector.testsupport.RawWebSocketClient.PING;
import static io.wsconnector.testsupport.RawWebSocketClient.PONG;
import static io.wsconnector.testsupport.RawWebSocketClient.TEXT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RFC 6455, section 5.5: control frames — at most 125 bytes, never fragmented; ping answered with a pong
 * carrying the same payload; unsolicited pongs ignored. (Close frames: {@link CloseConformanceTest}.)
 */
@Timeout(60)
class ControlFrameConformanceTest {
    private static final int FIN = 0x80;

    @RegisterExtension
    static final WebSocketServerExtension SERVER = WebSocketServerExtension.serving(
                    new EchoEndpoint_WebSocketEndpoint())
            .configure(builder -> builder.closeTimeout(Conformance.LONG_CLOSE_TIMEOUT));

    private static RawWebSocketClient connect() throws Exception {
        return SERVER.clients().raw(ECHO);
    }

    private static byte[] controlPayload(int opcode, int length) {
        byte[] payload = new byte[length];
        if (opcode == CLOSE) {
            // a valid code and an ASCII reason: only the length is wrong
            Arrays.fill(payload, (byte) 'r');
            payload[0] = 0x03;
            payload[1] = (byte) 0xE8;
        } else {
            new Random(length).nextBytes(payload);
        }
        return payload;
    }

    @ParameterizedTest(name = "opcode {0}")
    @ValueSource(ints = {PING, PONG, CLOSE})
    void section5_5_controlFrameWithA126BytePayloadIsClosedWith1002(int opcode) throws Exception {
        try (RawWebSocketClient client = connect()) {
            client.sendFrame(true, opcode, controlPayload(opcode, 126));

            assertFailedWith(client, 1002);
        }
    }

    @ParameterizedTest(name = "opcode {0}")
    @ValueSource(ints = {PING, PONG, CLOSE})
    void section5_5_controlFrameWithA64BitLengthOver125IsClosedWith1002(int opcode) throws Exception {
        try (RawWebSocketClient client = connect()) {
            // header only: the server must not wait for 65,536 bytes of payload
            client.writeRaw(Conformance.concat(Frames.header64(FIN | opcode, true, 65536),
                    Conformance.bytes(1, 2, 3, 4)));

            assertFailedWith(client, 1002);
        }
    }

    @ParameterizedTest(name = "opcode {0}")
    @ValueSource(ints = {PING, PONG, CLOSE})
    void section5_5_fragmentedControlFrameIsClosedWith1002(int opcode) throws Exception {
        try (RawWebSocketClient client = connect()) {
            client.sendFrame(false, opcode, controlPayload(opcode, 4));

            assertFailedWith(client, 1002);
        }
    }

    @Test
    void section5_5_fragmentedPingFollowedByAContinuationIsClosedWith1002() throws Exception {
        try (RawWebSocketClient client = connect()) {
            client.sendFrame(false, PING, "frag");
            client.sendFrame(true, RawWebSocketClient.CONTINUATION, "ment");

            assertFailedWith(client, 1002);
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 124, 125})
    void section5_5_2_pingIsAnsweredWithAPongCarryingTheSamePayload(int length) throws Exception {
        byte[] payload = controlPayload(PING, length);
        try (RawWebSocketClient client = connect()) {
            client.sendFrame(true, PING, payload);

            RawWebSocketClient.Frame pong = client.readFrame();
            assertEquals(PONG, pong.opcode(), pong::toString);
            assertTrue(pong.fin(), pong::toString);
            assertArrayEquals(payload, pong.payload());
            client.sendText("still open");
            assertEquals("still open", client.readText());
        }
    }

    @Test
    void section5_5_2_everyPingOfABurstIsAnsweredInOrder() throws Exception {
        ByteArrayOutputStream burst = new ByteArrayOutputStream();
        for (int i = 0; i < 100; i++) {
            burst.writeBytes(Frames.encode(FIN | PING, true, utf8("ping " + i)));
        }
        try (RawWebSocketClient client = connect()) {
            client.writeRaw(burst.toByteArray());

            for (int i = 0; i < 100; i++) {
                RawWebSocketClient.Frame pong = client.readFrame();
                assertEquals(PONG, pong.opcode(), pong::toString);
                assertEquals("ping " + i, pong.text());
            }
        }
    }

    @Test
    void section5_5_2_pingsBetweenMessagesAreAnsweredInOrderWithTheEchoes() throws Exception {
        try (RawWebSocketClient client = connect()) {
            client.writeRaw(Conformance.concat(
                    Frames.encode(FIN | TEXT, true, utf8("one")),
                    Frames.encode(FIN | PING, true, utf8("a")),
                    Frames.encode(FIN | TEXT, true, utf8("two")),
                    Frames.encode(FIN | PING, true, utf8("b"))));

            assertEquals("one", client.readText());
            RawWebSocketClient.Frame first = client.readFrame();
            assertEquals(PONG, first.opcode(), first::toString);
            assertEquals("a", first.text());
            assertEquals("two", client.readText());
            RawWebSocketClient.Frame last = client.readFrame();
            assertEquals(PONG, last.opcode(), last::toString);
            assertEquals("b", last.text());
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 125})
    void section5_5_3_unsolicitedPongIsIgnored(int length) throws Exception {
        try (RawWebSocketClient client = connect()) {
            client.sendFrame(true, PONG, controlPayload(PONG, length));
            client.sendText("after pong");

            // nothing answers the pong: the next frame is the echo
            assertEquals("after pong", client.readText());
        }
    }
}
