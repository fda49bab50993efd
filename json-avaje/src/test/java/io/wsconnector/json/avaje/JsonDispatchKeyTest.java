package io.wsconnector.json.avaje;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.wsconnector.runtime.codec.DecodeFailure;
import io.wsconnector.runtime.codec.MessageDecodeException;

class JsonDispatchKeyTest {
    private final JsonDispatchKey type = JsonDispatchKey.named("type");

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"move\"}",
            "{\"x\":1,\"type\":\"move\"}",
            "{\"a\":{\"type\":\"nested\",\"b\":[1,{\"c\":null}]},\"s\":\"}\\\"\",\"type\":\"move\",\"z\":2}",
            " {\n\"type\" : \"move\" } "})
    void readsTheTopLevelField(String text) {
        assertEquals("move", type.read(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"kind\":\"move\"}", "{\"type\":7}", "{\"type\":null}", "{\"type\":{}}",
            "[\"type\",\"move\"]", "\"move\"", "42"})
    void jsonWithoutTheKeyAsAString_isMissingTheKey(String text) {
        MessageDecodeException e = assertThrows(MessageDecodeException.class, () -> type.read(text));
        assertEquals(DecodeFailure.MISSING_KEY, e.failure());
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "", "{\"type\"", "{\"x\":,\"type\":\"move\"}", "{'type':'move'}"})
    void textThatIsNotJson_isMalformed(String text) {
        MessageDecodeException e = assertThrows(MessageDecodeException.class, () -> type.read(text));
        assertEquals(DecodeFailure.MALFORMED, e.failure());
    }

    @Test
    void unknownValue_isAnUnknownKeyNamingIt() {
        MessageDecodeException e = type.unknown("{\"type\":\"fly\"}", "fly");
        assertEquals(DecodeFailure.UNKNOWN_KEY, e.failure());
        assertEquals("UNKNOWN_KEY: \"type\" is \"fly\", which no handler takes", e.getMessage());
        assertEquals(1003, e.failure().closeCode());
    }
}
