package io.wsconnector.tests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import io.wsconnector.testsupport.RawWebSocketClient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What the RFC 6455 conformance tests share: paths, time bounds, and the assertion that the server failed
 * the connection (one close frame with the expected code, nothing after it, then the end of TCP).
 */
public final class Conformance {
    public static final String ECHO = "/test/echo";
    public static final String LIFECYCLE = "/test/lifecycle";
    public static final String FAULT = "/fault";

    public static final int MIB = 1024 * 1024;

    /**
     * How long the servers of the conformance tests wait for the client's close frame after sending theirs.
     * Much longer than {@link #END_MILLIS}: a server that fails a connection must close TCP at once
     * (RFC 6455, section 7.1.7), not after waiting for an answer.
     */
    public static final Duration LONG_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    /**
     * How long a test waits for the server's close, or for it to end the TCP connection after a close: generous
     * for a loaded machine, and still well short of {@link #LONG_CLOSE_TIMEOUT}.
     */
    public static final int END_MILLIS = 10_000;

    private Conformance() {
    }

    /**
     * Expects the server to fail the connection (RFC 6455, section 7.1.7): exactly one close frame, with
     * {@code code}, and then the end of the TCP connection, without the client answering the close and
     * without any frame (pong, echo) before or after the close frame.
     *
     * @return the close frame
     */
    public static RawWebSocketClient.Frame assertFailedWith(RawWebSocketClient client, int code) throws IOException {
        List<RawWebSocketClient.Frame> frames = client.readFramesUntilEndOfStream(END_MILLIS);
        if (frames.isEmpty()) {
            fail("the server ended the TCP connection without a close frame; expected close " + code);
        }
        RawWebSocketClient.Frame close = frames.getFirst();
        assertEquals(RawWebSocketClient.CLOSE, close.opcode(), () -> "expected close " + code + ", got " + frames);
        assertEquals(code, close.closeCode(), () -> "close code; frames: " + frames);
        assertTrue(close.fin(), "a close frame is not fragmented");
        assertValidCloseReason(close);
        assertEquals(1, frames.size(), () -> "frames after the close frame: " + frames);
        return close;
    }

    /**
     * Expects a close frame with {@code code} as the next frame, and then, once the client answered it, the end
     * of TCP with nothing more.
     */
    public static RawWebSocketClient.Frame assertClosingHandshake(RawWebSocketClient client, int code) throws IOException {
        RawWebSocketClient.Frame close = client.readFrame(END_MILLIS);
        assertEquals(RawWebSocketClient.CLOSE, close.opcode(), close::toString);
        assertEquals(code, close.closeCode(), close::toString);
        assertValidCloseReason(close);
        try {
            client.sendClose(code, "");
        } catch (IOException e) {
            // the server may have closed TCP already
        }
        assertEquals(List.of(), client.readFramesUntilEndOfStream(END_MILLIS), "frames after the close frame");
        return close;
    }

    /**
     * A close frame the server sent is well formed (RFC 6455, sections 5.5.1 and 7.4): no 1-byte payload, a code
     * that may be sent (never 1005, 1006 or 1015), a reason in UTF-8 that reveals no exception.
     */
    public static void assertValidCloseReason(RawWebSocketClient.Frame close) {
        byte[] payload = close.payload();
        assertFalse(payload.length == 1, "a close payload of one byte");
        if (payload.length >= 2) {
            int code = close.closeCode();
            assertTrue((code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999),
                    () -> "the server sent the close code " + code + ", which may not be sent");
        }
        if (payload.length > 2) {
            byte[] reason = Arrays.copyOfRange(payload, 2, payload.length);
            assertTrue(isValidUtf8(reason), () -> "the close reason is not UTF-8: " + hex(reason));
            String text = close.closeReason();
            assertFalse(text.contains("Exception") || text.contains("\tat "), () -> "the close reason reveals an exception: " + text);
        }
    }

    public static boolean isValidUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    public static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    public static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    /** Pseudo-random printable ASCII, {@code length} bytes. */
    public static byte[] asciiText(int length, long seed) {
        Random random = new Random(seed);
        byte[] text = new byte[length];
        for (int i = 0; i < length; i++) {
            text[i] = (byte) (' ' + random.nextInt(95));
        }
        return text;
    }

    /**
     * Pseudo-random UTF-8 text of exactly {@code length} bytes mixing characters of 1 to 4 bytes, so that
     * fragments cut at arbitrary byte offsets split characters.
     */
    public static byte[] mixedText(int length, long seed) {
        String[] alphabet = {"a", "Z", "0", " ", "é", "ß", "€", "中", "한", "😀", "𝄞"};
        Random random = new Random(seed);
        ByteArrayOutputStream text = new ByteArrayOutputStream(length);
        while (text.size() < length - 4) {
            text.writeBytes(utf8(alphabet[random.nextInt(alphabet.length)]));
        }
        while (text.size() < length) {
            text.write('.');
        }
        return text.toByteArray();
    }

    /** Fails with the first differing offset rather than printing megabytes. */
    public static void assertSameBytes(byte[] expected, byte[] actual, String what) {
        int mismatch = Arrays.mismatch(expected, actual);
        if (mismatch >= 0) {
            fail(what + ": " + actual.length + " bytes received for " + expected.length + " sent, first difference at byte "
                    + mismatch);
        }
    }

    /** Reads one whole text message (frames joined), skipping nothing. */
    public static byte[] readTextMessage(RawWebSocketClient client) throws IOException {
        RawWebSocketClient.Frame frame = client.readFrame();
        if (frame.opcode() != RawWebSocketClient.TEXT) {
            fail("expected a text frame, got " + frame);
        }
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes(frame.payload());
        while (!frame.fin()) {
            frame = client.readFrame();
            assertEquals(RawWebSocketClient.CONTINUATION, frame.opcode(), frame::toString);
            message.writeBytes(frame.payload());
        }
        return message.toByteArray();
    }

    public static String name(int opcode) {
        return switch (opcode) {
            case RawWebSocketClient.CONTINUATION -> "continuation";
            case RawWebSocketClient.TEXT -> "text";
            case RawWebSocketClient.BINARY -> "binary";
            case RawWebSocketClient.CLOSE -> "close";
            case RawWebSocketClient.PING -> "ping";
            case RawWebSocketClient.PONG -> "pong";
            default -> "0x" + Integer.toHexString(opcode);
        };
    }
}
