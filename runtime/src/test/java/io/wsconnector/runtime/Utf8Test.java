package io.wsconnector.runtime;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Utf8Test {

    @Test
    void emptyStringIsZeroBytes() {
        assertEquals(0, Utf8.encodedLength(""));
    }

    @Test
    void asciiIsOneBytePerChar() {
        assertEquals(1, Utf8.encodedLength("a"));
        assertEquals(1, Utf8.encodedLength("\u0000"));
        assertEquals(1, Utf8.encodedLength("\u007f"));
        assertEquals(13, Utf8.encodedLength("Hello, world!"));
    }

    @Test
    void twoByteChars() {
        assertEquals(2, Utf8.encodedLength("\u0080"));
        assertEquals(2, Utf8.encodedLength("é"));
        assertEquals(2, Utf8.encodedLength("\u07ff"));
        assertEquals(1 + 2 + 1, Utf8.encodedLength("aéb"));
    }

    @Test
    void threeByteChars() {
        assertEquals(3, Utf8.encodedLength("\u0800"));
        assertEquals(3, Utf8.encodedLength("中"));
        assertEquals(3, Utf8.encodedLength("€"));
        assertEquals(3, Utf8.encodedLength("\uffff"));
        // U+E000..U+FFFF sit above the surrogate range and are ordinary 3-byte chars
        assertEquals(3, Utf8.encodedLength("\ue000"));
    }

    @Test
    void surrogatePairIsFourBytes() {
        assertEquals(4, Utf8.encodedLength("😀")); // U+1F600
        assertEquals(4, Utf8.encodedLength(new String(Character.toChars(0x10000))));
        assertEquals(4, Utf8.encodedLength(new String(Character.toChars(0x10FFFF))));
        assertEquals(8, Utf8.encodedLength("😀😀"));
        assertEquals(1 + 4 + 2, Utf8.encodedLength("a😀é"));
    }

    @Test
    void unpairedSurrogatesCountAsTheThreeBytesOfTheReplacementCharacter() {
        assertEquals(3, Utf8.encodedLength("\ud800"));                 // lone high surrogate
        assertEquals(3, Utf8.encodedLength("\udc00"));                 // lone low surrogate
        assertEquals(3 + 1, Utf8.encodedLength("\ud83dx"));           // high followed by a non-surrogate
        assertEquals(1 + 3, Utf8.encodedLength("x\ud83d"));           // high at the very end
        assertEquals(3 + 3, Utf8.encodedLength("\ude00\ud83d"));      // low then high: not a pair
        assertEquals(3 + 4, Utf8.encodedLength("\ud83d\ud83d\ude00")); // unpaired high, then a pair
    }

    @Test
    void acceptsAnyCharSequence() {
        assertEquals(1 + 2 + 3 + 4, Utf8.encodedLength(new StringBuilder("aé中😀")));
    }

    @Test
    void matchesStringGetBytesOnRandomWellFormedStrings() {
        Random random = new Random(6455);
        for (int round = 0; round < 2_000; round++) {
            String text = randomWellFormedString(random, random.nextInt(200));
            assertEquals(text.getBytes(StandardCharsets.UTF_8).length, Utf8.encodedLength(text),
                    () -> "length of " + describe(text));
        }
    }

    @Test
    void matchesAnEncoderThatReplacesMalformedInputWithUfffdOnRandomStringsOfAnyChars()
            throws CharacterCodingException {
        // String.getBytes replaces an unpaired surrogate with '?' (1 byte); Utf8.encodedLength documents
        // that it counts the 3 bytes of U+FFFD instead, so compare with an encoder that does exactly that.
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith("\ufffd".getBytes(StandardCharsets.UTF_8));
        Random random = new Random(1009);
        for (int round = 0; round < 2_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(100);
            for (int i = 0; i < length; i++) {
                // bias towards surrogates so that unpaired ones are common
                text.append(random.nextInt(4) == 0
                        ? (char) (0xd800 + random.nextInt(0x800))
                        : (char) random.nextInt(0x10000));
            }
            ByteBuffer encoded = encoder.reset().encode(CharBuffer.wrap(text));
            assertEquals(encoded.remaining(), Utf8.encodedLength(text), () -> "length of " + describe(text));
        }
    }

    private static String randomWellFormedString(Random random, int codePoints) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < codePoints; i++) {
            int codePoint = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(0x80);
                case 1 -> 0x80 + random.nextInt(0x800 - 0x80);
                case 2 -> 0x800 + random.nextInt(0x10000 - 0x800);
                default -> 0x10000 + random.nextInt(0x110000 - 0x10000);
            };
            if (Character.isSurrogate((char) codePoint) && codePoint < 0x10000) {
                codePoint = 'x';
            }
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    private static String describe(CharSequence text) {
        StringBuilder hex = new StringBuilder();
        text.chars().forEach(c -> hex.append(String.format("\\u%04x", c)));
        return hex.toString();
    }
}
