package io.wsconnector.runtime.protocol;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PathTemplateTest {

    @Test
    void aTemplateMatchesSegmentBySegmentAndDecodesTheValues() {
        PathTemplate template = PathTemplate.parse("/rooms/{room}/users/{user}");

        assertTrue(template.hasParameters());
        assertEquals(Map.of("room", "42", "user", "ada"), template.match("/rooms/42/users/ada"));
        Map<String, String> decoded = template.match("/rooms/a%20b%2Fc/users/caf%C3%A9+x");
        assertEquals("a b/c", decoded.get("room"));
        assertEquals("café+x", decoded.get("user"), "'+' is not a space in a path");
        assertEquals(List.of("room", "user"), List.copyOf(decoded.keySet()), "template order");
    }

    @Test
    void aTemplateDoesNotMatchOtherShapesOrEmptySegments() {
        PathTemplate template = PathTemplate.parse("/rooms/{room}/users/{user}");

        assertNull(template.match("/rooms/42/users"));
        assertNull(template.match("/rooms/42/users/ada/more"));
        assertNull(template.match("/rooms/42/users/ada/"));
        assertNull(template.match("/rooms//users/ada"), "a parameter matches a non-empty segment only");
        assertNull(template.match("/rooms/42/user/ada"), "literal segments match exactly");
        assertNull(template.match("/Rooms/42/users/ada"), "literal segments are case-sensitive");
    }

    @Test
    void literalSegmentsAreComparedDecoded() {
        PathTemplate template = PathTemplate.parse("/caf%C3%A9/{id}");

        assertEquals(Map.of("id", "1"), template.match("/caf%c3%a9/1"));
        assertEquals(Map.of("id", "1"), template.match("/café/1"));
    }

    @Test
    void aPathWithoutParametersMatchesItselfOnly() {
        PathTemplate exact = PathTemplate.parse("/test/echo");

        assertFalse(exact.hasParameters());
        assertEquals(Map.of(), exact.match("/test/echo"));
        assertNull(exact.match("/test/echo/"));
        assertEquals(Map.of(), PathTemplate.parse("/").match("/"));
    }

    @Test
    void aValueThatIsNotPercentEncodedUtf8IsRefused() {
        PathTemplate template = PathTemplate.parse("/files/{name}");

        assertThrows(IllegalArgumentException.class, () -> template.match("/files/%E9"));
        assertThrows(IllegalArgumentException.class, () -> template.match("/files/%zz"));
        assertThrows(IllegalArgumentException.class, () -> template.match("/files/abc%4"));
        assertNull(template.match("/other/%zz"), "a path of another shape is simply not matched");
    }

    @Test
    void templatesOverlapWhenSomePathMatchesBoth() {
        assertTrue(overlap("/rooms/{room}", "/rooms/{id}"));
        assertTrue(overlap("/a/{x}", "/{y}/b"));
        assertTrue(overlap("/a/{x}", "/a/b"));
        assertFalse(overlap("/a/{x}", "/b/{x}"));
        assertFalse(overlap("/a/{x}", "/a/{x}/c"));
        assertFalse(overlap("/a/{x}/c", "/a/{x}/d"));
    }

    @Test
    void aTemplateNamingAParameterTwiceIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("/a/{x}/{x}"));
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("relative/{x}"));
    }

    @Test
    void theQueryIsDecodedAsAForm() {
        Map<String, List<String>> query = Handshake.parseQuery("nick=ada+lovelace&tag=a&tag=b%26c&flag&&bad=%zz&%C3%A9=1");

        assertEquals(List.of("ada lovelace"), query.get("nick"));
        assertEquals(List.of("a", "b&c"), query.get("tag"));
        assertEquals(List.of(""), query.get("flag"));
        assertEquals(List.of("%zz"), query.get("bad"), "a malformed escape is kept as sent");
        assertEquals(List.of("1"), query.get("é"));
        assertEquals(Map.of(), Handshake.parseQuery(""));
    }

    private static boolean overlap(String a, String b) {
        boolean forward = PathTemplate.parse(a).overlaps(PathTemplate.parse(b));
        assertEquals(forward, PathTemplate.parse(b).overlaps(PathTemplate.parse(a)), "symmetric");
        return forward;
    }
}
