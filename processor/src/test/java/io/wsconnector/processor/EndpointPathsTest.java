package io.wsconnector.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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
            "/it's(ok)+;=,&$!", "/trailing/"})
    void problem_acceptsValidPaths(String path) {
        assertTrue(EndpointPaths.problem(path).isEmpty(), () -> path + ": " + EndpointPaths.problem(path).get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "websocket", "/a b", "/a\u00a0b", "/a?b", "/a#b", "/a//b", "/a/../b", "/{id}", "/a\\b",
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
}
