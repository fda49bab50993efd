package io.wsconnector.json.avaje;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.wsconnector.runtime.codec.DecodeFailure;
import io.wsconnector.runtime.codec.MessageDecodeException;
import io.wsconnector.runtime.codec.TextCodec;

class JsonDispatchKeyTest {
    private final JsonDispatchKey type = JsonDispatchKey.named("type");

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"move\"}",
            "{\"x\":1,\"type\":\"move\"}",
            "{\"a\":{\"type\":\"nested\",\"b\":[1,{\"c\":null}]},\"s\":\"}\\\"\",\"type\":\"move\",\"z\":2}",
            " {\n\"type\" : \"move\" } ", "{\"type\":\"m\\u006fve\"}", "{\"t\\u0079pe\":\"move\"}",
            "{\"type\":\"move\",\"type\":\"fly\"}"})
    void readsTheTopLevelField(String text) {
        assertEquals("move", type.read(utf8(text)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"kind\":\"move\"}", "{\"type\":7}", "{\"type\":null}", "{\"type\":{}}",
            "[\"type\",\"move\"]", "\"move\"", "42"})
    void jsonWithoutTheKeyAsAString_isMissingTheKey(String text) {
        MessageDecodeException e = assertThrows(MessageDecodeException.class, () -> type.read(utf8(text)));
        assertEquals(DecodeFailure.MISSING_KEY, e.failure());
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "", "{\"type\"", "{\"x\":,\"type\":\"move\"}", "{'type':'move'}",
            "{\"type\":\"move\",}", "{\"type\":\"move\"} x", "{\"t\\u0079pe\":\"move\",,}"})
    void textThatIsNotJson_isMalformed(String text) {
        MessageDecodeException e = assertThrows(MessageDecodeException.class, () -> type.read(utf8(text)));
        assertEquals(DecodeFailure.MALFORMED, e.failure());
    }

    @Test
    void unknownValue_isAnUnknownKeyNamingIt() {
        MessageDecodeException e = type.unknown(utf8("{\"type\":\"fly\"}"), "fly");
        assertEquals(DecodeFailure.UNKNOWN_KEY, e.failure());
        assertEquals("UNKNOWN_KEY: \"type\" is \"fly\", which no handler takes", e.getMessage());
        assertEquals(1003, e.failure().closeCode());
    }

    @Test
    void decodingThroughTheKey_decodesWhatTheCodecDecodes() {
        AvajeJsonCodec<AvajeJsonCodecTest.Move> codec = AvajeJsonCodec.of(AvajeJsonCodecTest.Move.class);
        String text = "{\"type\":\"move\",\"x\":1,\"y\":2,\"who\":\"ann\"}";
        assertEquals("move", type.read(utf8(text)));
        assertEquals(codec.decode(text), type.decode(codec, utf8(text)));
        MessageDecodeException e = assertThrows(MessageDecodeException.class,
                () -> type.decode(codec, utf8("{\"type\":\"move\",\"x\":\"one\"}")));
        assertEquals(DecodeFailure.MISMATCH, e.failure(), "JSON that does not fit still fails");
    }

    @Test
    void anyOtherCodec_decodesAsItAlwaysDoes() {
        TextCodec<String> upper = new TextCodec<>() {
            @Override
            public String decode(String text) {
                return text.toUpperCase(java.util.Locale.ROOT);
            }

            @Override
            public String encode(String value) {
                return value;
            }
        };
        assertEquals("{\"TYPE\":\"A\"}", type.decode(upper, utf8("{\"type\":\"a\"}")));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
