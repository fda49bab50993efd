package io.wsconnector.runtime.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

import io.helidon.common.buffers.DataReader;
import io.wsconnector.runtime.CloseCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The frame reader on byte arrays: headers in their three length encodings, payloads unmasked however
 * they are split, and every rule of a frame on its own (RFC 6455, section 5).
 */
class FrameReaderTest {
    private static final int MASK = 0x37FA213D;
    private static final int FIN = 0x80;

    @Test
    void aMaskedTextFrameIsReadAndUnmasked() {
        FrameReader frames = reader(frame(FIN | 0x1, MASK, utf8("Hello")));

        assertEquals(Opcode.TEXT, frames.next());
        assertTrue(frames.fin());
        assertEquals(5, frames.length());
        assertEquals("Hello", new String(payload(frames), StandardCharsets.UTF_8));
    }

    @Test
    void theRfcExampleOfAMaskedHelloIsReadAsHello() {
        // RFC 6455, section 5.7: a single-frame masked text message
        byte[] rfc = {(byte) 0x81, (byte) 0x85, 0x37, (byte) 0xfa, 0x21, 0x3d, 0x7f, (byte) 0x9f, 0x4d, 0x51, 0x58};
        FrameReader frames = reader(rfc);

        assertEquals(Opcode.TEXT, frames.next());
        assertEquals("Hello", new String(payload(frames), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 125, 126, 65535, 65536, 70000})
    void everyLengthEncodingGivesTheLengthAndThePayload(int length) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (i * 31);
        }
        FrameReader frames = reader(frame(0x2, MASK, data));

        assertEquals(Opcode.BINARY, frames.next());
        assertFalse(frames.fin());
        assertEquals(length, frames.length());
        assertArrayEquals(data, payload(frames));
    }

    @Test
    void aPayloadArrivingInPiecesIsUnmaskedAcrossTheirBoundaries() {
        byte[] data = utf8("a payload split at odd places, so the mask restarts mid-key");
        byte[] whole = frame(FIN | 0x2, MASK, data);
        FrameReader frames = reader(Arrays.copyOfRange(whole, 0, 9), Arrays.copyOfRange(whole, 9, 10),
                Arrays.copyOfRange(whole, 10, 27), Arrays.copyOfRange(whole, 27, whole.length));

        assertEquals(Opcode.BINARY, frames.next());
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        int count;
        while ((count = frames.awaitPayload()) > 0) {
            byte[] chunk = new byte[count];
            frames.readPayload(chunk, 0, count);
            read.writeBytes(chunk);
        }
        assertArrayEquals(data, read.toByteArray());
        assertEquals(0, frames.remaining());
    }

    @Test
    void framesFollowOneAnotherInOneBuffer() {
        FrameReader frames = reader(concat(frame(0x1, MASK, utf8("one ")), frame(FIN, 0x01020304, utf8("two")),
                frame(FIN | 0x9, MASK, utf8("ping"))));

        assertEquals(Opcode.TEXT, frames.next());
        assertEquals("one ", new String(payload(frames), StandardCharsets.UTF_8));
        assertEquals(Opcode.CONTINUATION, frames.next());
        assertEquals("two", new String(payload(frames), StandardCharsets.UTF_8));
        assertEquals(Opcode.PING, frames.next());
        byte[] control = new byte[Frames.MAX_CONTROL_PAYLOAD];
        frames.readWhole(control);
        assertEquals("ping", new String(control, 0, 4, StandardCharsets.UTF_8));
        assertTrue(frames.inputDrained());
    }

    @Test
    void aSkippedPayloadLeavesTheReaderAtTheNextFrame() {
        FrameReader frames = reader(concat(frame(FIN | 0x2, MASK, new byte[300]), frame(FIN | 0xA, MASK, utf8("pong"))));

        assertEquals(Opcode.BINARY, frames.next());
        frames.skipPayload();
        assertEquals(Opcode.PONG, frames.next());
        assertEquals(4, frames.length());
    }

    @Test
    void anUnmaskedFrameIsAProtocolError() {
        byte[] unmasked = {(byte) 0x81, 0x02, 'h', 'i'};

        assertViolation("Client frames must be masked", unmasked);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x40, 0x20, 0x10})
    void aReservedBitWithoutAnExtensionIsAProtocolError(int rsv) {
        assertViolation("Reserved bits set without an extension", frame(FIN | rsv | 0x1, MASK, utf8("x")));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x3, 0x7, 0xB, 0xF})
    void aReservedOpcodeIsAProtocolError(int opcode) {
        assertViolation("Reserved opcode " + opcode, frame(FIN | opcode, MASK, new byte[0]));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x8, 0x9, 0xA})
    void aFragmentedControlFrameIsAProtocolError(int opcode) {
        assertViolation("Control frames must not be fragmented", frame(opcode, MASK, new byte[0]));
    }

    @Test
    void aControlFrameOver125BytesIsAProtocolError() {
        assertViolation("Control frame payload over 125 bytes", frame(FIN | 0x9, MASK, new byte[126]));
    }

    @Test
    void aLengthWithTheHighestBitSetIsAProtocolError() {
        byte[] header = {(byte) 0x82, (byte) (0x80 | 127), (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4};

        assertViolation("Frame length over 2^63", header);
    }

    @Test
    void withDeflateNegotiatedRsv1MarksTheFirstFrameOfAMessageCompressed() {
        FrameReader frames = compressingReader(concat(frame(0x40 | 0x1, MASK, utf8("ab")), frame(FIN, MASK, utf8("c"))));

        assertEquals(Opcode.TEXT, frames.next());
        assertTrue(frames.compressed());
        payload(frames);
        assertEquals(Opcode.CONTINUATION, frames.next());
        assertFalse(frames.compressed());
    }

    @ParameterizedTest
    @ValueSource(ints = {0x0, 0x8, 0x9, 0xA})
    void withDeflateNegotiatedRsv1OnAContinuationOrControlFrameIsAProtocolError(int opcode) {
        ProtocolViolation violation = assertThrows(ProtocolViolation.class,
                () -> compressingReader(frame(FIN | 0x40 | opcode, MASK, new byte[0])).next());
        assertEquals(CloseCodes.PROTOCOL_ERROR, violation.code());
        assertEquals("RSV1 set on a " + (opcode == 0 ? "continuation" : "control") + " frame", violation.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0x20, 0x10, 0x60})
    void withDeflateNegotiatedRsv2AndRsv3AreStillProtocolErrors(int rsv) {
        ProtocolViolation violation = assertThrows(ProtocolViolation.class,
                () -> compressingReader(frame(FIN | rsv | 0x1, MASK, utf8("x"))).next());
        assertEquals("Reserved bits set without an extension", violation.getMessage());
    }

    @Test
    void theClientClosingMidHeaderIsNotAFrame() {
        FrameReader frames = reader(new byte[] {(byte) 0x81});

        assertThrows(DataReader.InsufficientDataAvailableException.class, frames::next);
    }

    private static void assertViolation(String message, byte[] bytes) {
        ProtocolViolation violation = assertThrows(ProtocolViolation.class, () -> reader(bytes).next());
        assertEquals(CloseCodes.PROTOCOL_ERROR, violation.code());
        assertEquals(message, violation.getMessage());
    }

    /** A reader that receives these chunks, one per pull, then sees the client close. */
    static FrameReader reader(byte[]... chunks) {
        ArrayDeque<byte[]> input = new ArrayDeque<>(List.of(chunks));
        return new FrameReader(new DataReader(input::poll));
    }

    /** A reader of a connection with permessage-deflate negotiated. */
    static FrameReader compressingReader(byte[] bytes) {
        ArrayDeque<byte[]> input = new ArrayDeque<>(List.of(bytes));
        return new FrameReader(new DataReader(input::poll), true);
    }

    /** The rest of the current frame's payload. */
    static byte[] payload(FrameReader frames) {
        byte[] payload = new byte[(int) frames.remaining()];
        int done = 0;
        int count;
        while ((count = frames.awaitPayload()) > 0) {
            frames.readPayload(payload, done, count);
            done += count;
        }
        return payload;
    }

    /** A client frame: the first byte as given, then the length, the mask and the masked payload. */
    static byte[] frame(int first, int mask, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(first);
        int length = payload.length;
        if (length < 126) {
            out.write(0x80 | length);
        } else if (length < 65536) {
            out.write(0x80 | 126);
            out.write(length >>> 8);
            out.write(length);
        } else {
            out.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) length >>> shift));
            }
        }
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write(mask >>> shift);
        }
        for (int i = 0; i < length; i++) {
            out.write(payload[i] ^ (mask >>> (24 - 8 * (i & 3))));
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
