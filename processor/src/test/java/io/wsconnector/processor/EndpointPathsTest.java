package io.wsconnector.processor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link EndpointPaths} on its own; the error for each invalid path, as the user sees it, is in
 * {@link WebSocketProcessorNegativeTest}.
 */
class EndpointPathsTest {

    @ParameterizedTest(name = "join({0}, {1}) = {2}")
    @CsvSource({
            "/test,      /websocket, /test/websocket",
            "/test/,     /websocket, /test/websocket",
            "/,          /websocket, /websocket",
            "/chat,      /,          /chat",
            "/chat/,     /,          /chat",
            "/,          /,          /",
            "/api/v1,    /chat/room, /api/v1/chat/room",
            "/api,       /chat/,     /api/chat/",
    })
    void join_putsExactlyOneSlashBetween(String basePath, String upgradePath, String expected) {
        assertEquals(expected, EndpointPaths.join(basePath, upgradePath));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/websocket", "/test/websocket", "/a-b_c.d~e", "/v1:chat@host", "/%20room",
            "/it's(ok)+;=,&$!", "/trailing/", "/{id}", "/rooms/{room}/{userId}", "/{a}/b/{c}/"})
    void problem_acceptsValidPaths(String path) {
        assertTrue(EndpointPaths.problem(path).isEmpty(), () -> path + ": " + EndpointPaths.problem(path).get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "websocket", "/a b", "/a\u00a0b", "/a?b", "/a#b", "/a//b", "/a/../b", "/a\\b",
            "/a|b", "/caf\u00e9"})
    void problem_rejectsInvalidPaths(String path) {
        assertTrue(EndpointPaths.problem(path).isPresent(), path);
    }

    @Test
    void percentMustBeFollowedByTwoHexDigits() {
        assertTrue(EndpointPaths.problem("/a%2Fb").isEmpty());
        assertEquals(
                "contains a '%' not followed by two hex digits; percent-encode it as %25",
                EndpointPaths.problem("/100%").orElseThrow());
        assertTrue(EndpointPaths.problem("/a%zzb").isPresent());
    }

    @Test
    void dotSegmentsAreRejected() {
        assertEquals(
                "contains a '.' segment; write the path without relative segments",
                EndpointPaths.problem("/a/./b").orElseThrow());
        assertTrue(EndpointPaths.problem("/a/.").isPresent());
        assertTrue(EndpointPaths.problem("/.well-known").isEmpty());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "/rooms/a{room}     | has segment \"a{room}\"; a path parameter is a whole segment written {name}, e.g. \"/rooms/{room}\"",
            "/rooms/{room}x     | has segment \"{room}x\"; a path parameter is a whole segment written {name}, e.g. \"/rooms/{room}\"",
            "/rooms/{a}{b}      | has segment \"{a}{b}\"; a path parameter is a whole segment written {name}, e.g. \"/rooms/{room}\"",
            "/rooms/{room       | has segment \"{room\"; a path parameter is a whole segment written {name}, e.g. \"/rooms/{room}\"",
            "/rooms/room}       | has segment \"room}\"; a path parameter is a whole segment written {name}, e.g. \"/rooms/{room}\"",
            "/rooms/{{room}}    | has segment \"{{room}}\"; a path parameter is a whole segment written {name}, e.g. \"/rooms/{room}\"",
            "/rooms/{}          | has path parameter \"{}\", whose name is not a Java identifier; name it like a Java parameter, e.g. {room}",
            "/rooms/{1st}       | has path parameter \"{1st}\", whose name is not a Java identifier; name it like a Java parameter, e.g. {room}",
            "/rooms/{user-id}   | has path parameter \"{user-id}\", whose name is not a Java identifier; name it like a Java parameter, e.g. {room}",
            "/rooms/{class}     | has path parameter \"{class}\", whose name is not a Java identifier; name it like a Java parameter, e.g. {room}",
            "/{room}/x/{room}   | names path parameter 'room' twice; give each parameter its own name",
    })
    void problem_rejectsMalformedTemplates(String path, String expected) {
        assertEquals(Optional.of(expected), EndpointPaths.problem(path));
    }

    @Test
    void problem_checksLiteralSegmentsOfTemplates() {
        assertEquals(Optional.of("contains a '%' not followed by two hex digits; percent-encode it as %25"),
                EndpointPaths.problem("/{room}/100%"));
    }

    @Test
    void parameterNames_inTemplateOrder() {
        assertEquals(List.of("tenant", "room", "userId"),
                EndpointPaths.parameterNames("/t/{tenant}/rooms/{room}/{userId}"));
        assertEquals(List.of(), EndpointPaths.parameterNames("/chat"));
        assertEquals(List.of(), EndpointPaths.parameterNames("/"));
    }

    @Test
    void repeatedParameter_acrossAJoinedPath() {
        assertEquals(Optional.of("room"), EndpointPaths.repeatedParameter(EndpointPaths.join("/r/{room}", "/{room}")));
        assertEquals(Optional.empty(), EndpointPaths.repeatedParameter("/r/{room}/{user}"));
    }

    /** The pairs of {@code test-vectors/path-overlap.tsv}, which the runtime's test reads too. */
    static Stream<Arguments> pathOverlapVectors() throws IOException {
        return Files.readAllLines(Path.of("../test-vectors/path-overlap.tsv")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("\t"))
                .map(fields -> Arguments.of(fields[0], fields[1], Boolean.parseBoolean(fields[2]), fields[3]));
    }

    @ParameterizedTest(name = "{0} and {1}: {2}, {3}")
    @MethodSource("pathOverlapVectors")
    void canMatchSameRequest_agreesWithTheSharedVectors(String path, String otherPath, boolean overlap, String why) {
        assertTrue(EndpointPaths.problem(path).isEmpty() && EndpointPaths.problem(otherPath).isEmpty(),
                "the vectors hold valid paths only");
        assertEquals(overlap, EndpointPaths.canMatchSameRequest(path, otherPath), why);
        assertEquals(overlap, EndpointPaths.canMatchSameRequest(otherPath, path), why + " (reversed)");
    }
}
