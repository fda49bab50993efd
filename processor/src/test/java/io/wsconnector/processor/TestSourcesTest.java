package io.wsconnector.processor;

import static io.wsconnector.processor.TestSources.lineContaining;
import static io.wsconnector.processor.TestSources.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.tools.JavaFileObject;

import org.junit.jupiter.api.Test;

/** {@link TestSources#lineContaining}, which the negative tests name their lines with. */
class TestSourcesTest {

    private static final JavaFileObject SOURCE = source("Chat",
            "@WebSocketUpgradePath(\"/chat\")",
            "class Chat {",
            "    @OnOpen",
            "    void opened() { }",
            "    @OnOpen // again",
            "    void alsoOpened() { }",
            "}");

    @Test
    void lineContaining_countsFromOneWithTheHeaderFirst() {
        assertEquals(1, lineContaining(SOURCE, "package test;"));
        assertEquals(2, lineContaining(SOURCE, "@WebSocketUpgradePath"));
        assertEquals(5, lineContaining(SOURCE, "void opened()"));
        assertEquals(6, lineContaining(SOURCE, "@OnOpen // again"));
    }

    @Test
    void lineContaining_failsWhenNoLineContainsTheFragment() {
        AssertionError error = assertThrows(AssertionError.class, () -> lineContaining(SOURCE, "@OnClose"));
        assertTrue(error.getMessage().contains("none does"), error.getMessage());
    }

    @Test
    void lineContaining_failsWhenSeveralLinesContainTheFragment() {
        AssertionError error = assertThrows(AssertionError.class, () -> lineContaining(SOURCE, "@OnOpen"));
        assertTrue(error.getMessage().contains("lines [4, 6] do"), error.getMessage());
    }
}
