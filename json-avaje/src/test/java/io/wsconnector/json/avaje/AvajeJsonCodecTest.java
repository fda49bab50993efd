package io.wsconnector.json.avaje;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.avaje.jsonb.Json;
import io.wsconnector.runtime.codec.DecodeFailure;
import io.wsconnector.runtime.codec.MessageDecodeException;

class AvajeJsonCodecTest {

    @Json
    record Move(int x, int y, String who) {
        Move {
            if (x < 0) {
                throw new IllegalArgumentException("x < 0");
            }
        }
    }

    private final AvajeJsonCodec<Move> codec = AvajeJsonCodec.of(Move.class);

    @Test
    void decodesAnObjectSkippingFieldsTheTypeDoesNotHave() {
        assertEquals(new Move(3, 4, "ada"), codec.decode("{\"type\":\"move\",\"x\":3,\"y\":4,\"who\":\"ada\"}"));
    }

    @Test
    void utf8_isTheTextsUtf8BothWays() {
        Move move = new Move(1, -2, "é€😀");
        byte[] utf8 = codec.encodeUtf8(move);
        assertArrayEquals(codec.encode(move).getBytes(StandardCharsets.UTF_8), utf8);
        assertEquals(move, codec.decodeUtf8(utf8));
        MessageDecodeException e = assertThrows(MessageDecodeException.class,
                () -> codec.decodeUtf8("{\"x\":1,}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(DecodeFailure.MALFORMED, e.failure());
        assertEquals("{\"x\":1,}", e.text(), "the exception carries the message as text");
    }

    @Test
    void encodesWhatItDecodes() {
        Move move = new Move(1, 2, "a\"b");
        assertEquals("{\"x\":1,\"y\":2,\"who\":\"a\\\"b\"}", codec.encode(move));
        assertEquals(move, codec.decode(codec.encode(move)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "", "{\"x\":1", "{\"x\":1}}", "{\"x\":1} trailing", "{\"x\":1} {}", "{x:1}", "{\"x\":1,}", "{\"x\":1,\"z\":[1 2]}"})
    void textThatIsNotOneJsonValue_isMalformed(String text) {
        MessageDecodeException e = assertThrows(MessageDecodeException.class, () -> codec.decode(text));
        assertEquals(DecodeFailure.MALFORMED, e.failure());
        assertSame(text, e.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"x\":\"three\"}", "{\"x\":1.5}", "[1]", "null", "{\"who\":5}", "{\"x\":-1}", "\"move\""})
    void jsonThatDoesNotFitTheType_isAMismatch(String text) {
        MessageDecodeException e = assertThrows(MessageDecodeException.class, () -> codec.decode(text));
        assertEquals(DecodeFailure.MISMATCH, e.failure());
        assertSame(text, e.text());
    }
}
