package io.wsconnector.runtime.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Utf8ValidatorTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "41", "c2a9", "e282ac", "f09f9880", "efbfbf", "f48fbfbf", "ed9fbf", "ee8080"})
    void acceptsValidSequences(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        Utf8Validator validator = new Utf8Validator();
        assertTrue(validator.feed(bytes, 0, bytes.length));
        assertTrue(validator.isComplete());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "80",         // lone continuation byte
            "c0af",       // overlong '/'
            "c1bf",       // overlong
            "e080af",     // overlong 3-byte
            "f08080af",   // overlong 4-byte
            "eda080",     // UTF-16 surrogate U+D800
            "edbfbf",     // surrogate U+DFFF
            "f4908080",   // above U+10FFFF
            "f5808080",   // invalid lead byte
            "ff",         // never valid
            "c241",       // lead byte followed by ASCII
            "e28241"})    // 3-byte sequence broken in the third byte
    void rejectsInvalidSequencesAtTheFirstBadByte(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        Utf8Validator validator = new Utf8Validator();
        boolean valid = true;
        for (int i = 0; i < bytes.length && valid; i++) {
            valid = validator.feed(bytes, i, 1);
        }
        assertFalse(valid);
    }

    @Test
    void incompleteCharacterIsValidSoFarButNotComplete() {
        byte[] euro = {(byte) 0xE2, (byte) 0x82};
        Utf8Validator validator = new Utf8Validator();
        assertTrue(validator.feed(euro, 0, 2));
        assertFalse(validator.isComplete());
        assertTrue(validator.feed(new byte[] {(byte) 0xAC}, 0, 1));
        assertTrue(validator.isComplete());
    }

    @Test
    void agreesWithTheJdkDecoderOnRandomInputSplitAnywhere() {
        Random random = new Random(6455);
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = randomMostlyUtf8(random);
            int split = bytes.length == 0 ? 0 : random.nextInt(bytes.length + 1);
            Utf8Validator validator = new Utf8Validator();
            boolean valid = validator.feed(bytes, 0, split) && validator.feed(bytes, split, bytes.length - split)
                    && validator.isComplete();
            assertEquals(jdkAccepts(bytes), valid, () -> HexFormat.of().formatHex(bytes));
        }
    }

    private static byte[] randomMostlyUtf8(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(6); i > 0; i--) {
            text.appendCodePoint(random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0x10FFFF));
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0 && random.nextInt(3) == 0) {
            bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    private static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
