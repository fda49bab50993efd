package io.wsconnector.json.avaje;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"{}", "[]", "0", "-0.5e+10", "1E3", "\"\"", "\"a\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\"", "true",
            "false", "null", " {\"a\" : [1, {\"b\": null}, \"x\", [], {}], \"c\": -12.25e-3 } \n",
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[{}]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"})
    void validJson(String text) {
        assertTrue(isValid(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "}", "{\"a\":1,}", "[1,]", "[1 2]", "{\"a\" 1}", "{a:1}", "{'a':1}", "01",
            "1.", ".5", "-", "1e", "+1", "tru", "nul", "\"\\q\"", "\"\\u12g4\"", "\"a\u0001\"", "\"open", "{} {}", "{}}",
            "[1]x", "[{]}", "[}", "{\"a\":1]", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[{}]]]]}"})
    void invalidJson(String text) {
        assertFalse(isValid(text), text);
    }

    @Test
    void deepNestingIsChecked() {
        String deep = "[{\"a\":".repeat(5_000) + "1" + "}]".repeat(5_000);
        assertTrue(isValid(deep));
        assertFalse(isValid(deep.substring(0, deep.length() - 2) + "]}"));
    }

    @Test
    void bytesFromU0080Up_areCharactersInAString() {
        assertTrue(isValid("[\"é€😀\", \"\u00e9\"]"));
        assertFalse(isValid("[é]"), "outside a string");
        assertFalse(isValid("[\"a\u007fb\" x]"), "DEL is allowed in a string, the x after it is not");
        assertTrue(isValid("\"a\u007fb\""));
    }

    @Test
    void longStrings_areCheckedToTheirEnd() {
        String plain = "abcdefgh".repeat(20);
        assertTrue(isValid("{\"a\":\"" + plain + "\"}"));
        for (int at = 0; at < 17; at++) {
            String bad = plain.substring(0, at) + "\u0001" + plain.substring(at);
            assertFalse(isValid("{\"a\":\"" + bad + "\"}"), "a control character at " + at);
        }
    }

    /** {@link JsonText#isValid} of a string's UTF-8. */
    private static boolean isValid(String text) {
        return JsonText.isValid(text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@link JsonText#memberValue} of a string's UTF-8, as a string index (the texts here are ASCII). */
    private static int memberValue(String text, String name) {
        return JsonText.memberValue(text.getBytes(StandardCharsets.UTF_8), name.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void memberValue_isWhereTheFirstTopLevelMemberOfThatNameStarts() {
        String text = "{\"a\":{\"type\":1},\"type\" : \"move\",\"type\":\"x\"}";
        assertEquals(text.indexOf("\"move\""), memberValue(text, "type"));
        assertEquals(JsonText.ABSENT, memberValue("{\"a\":{\"type\":1}}", "type"), "nested only");
        assertEquals(JsonText.ABSENT, memberValue("[\"type\",\"move\"]", "type"), "an array");
        assertEquals(JsonText.ABSENT, memberValue("{\"types\":1,\"typ\":2}", "type"), "other names");
        assertEquals(JsonText.INVALID, memberValue("{\"type\":\"move\",}", "type"), "invalid after it");
        assertEquals(JsonText.ESCAPED_NAME, memberValue("{\"t\\u0079pe\":\"move\"}", "type"));
        assertEquals(text.indexOf("{\"type\":1}"), memberValue(text, "a"), "an object value");
    }
}
