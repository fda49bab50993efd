package io.wsconnector.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The examples of RFC 6455, section 5.7, and the length encodings of section 5.2. */
class FramesTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void anUnmaskedTextFrameIsTheRfcExample() {
        assertEquals("810548656c6c6f", HEX.formatHex(Frames.encode(0x81, false, utf8("Hello"))));
    }

    @Test
    void aMaskedFrameCarriesItsKeyAndThePayloadMaskedWithIt() {
        byte[] frame = Frames.encode(0x81, true, utf8("Hello"));

        assertEquals("8185", HEX.formatHex(frame, 0, 2));
        byte[] unmasked = new byte[5];
        for (int i = 0; i < 5; i++) {
            unmasked[i] = (byte) (frame[6 + i] ^ frame[2 + (i & 3)]);
        }
        assertEquals("Hello", new String(unmasked, StandardCharsets.UTF_8));
    }

    @Test
    void lengthsUseTheFewestBytes() {
        assertEquals("827d", HEX.formatHex(Frames.header(0x82, false, 125)));
        assertEquals("827e0100", HEX.formatHex(Frames.header(0x82, false, 256)));
        assertEquals("827f0000000000010000", HEX.formatHex(Frames.header(0x82, false, 65536)));
        assertEquals("82ff8000000000000000", HEX.formatHex(Frames.header64(0x82, true, Long.MIN_VALUE)));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
