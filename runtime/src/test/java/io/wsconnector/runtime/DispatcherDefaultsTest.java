package io.wsconnector.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

import io.wsconnector.runtime.spi.WebSocketDispatcher;

/** A dispatcher written for one form of text messages takes the other through the interface's defaults. */
class DispatcherDefaultsTest {

    @Test
    void aDispatcherOfUtf8Text_takesAStringAsItsUtf8() throws Exception {
        List<byte[]> received = new ArrayList<>();
        WebSocketDispatcher utf8 = new WebSocketDispatcher() {
            @Override
            public boolean takesUtf8Text() {
                return true;
            }

            @Override
            public CompletionStage<?> onUtf8TextMessage(WebSocketSession session, byte[] message) {
                received.add(message);
                return null;
            }
        };

        utf8.onTextMessage(null, "é€😀");

        assertArrayEquals("é€😀".getBytes(StandardCharsets.UTF_8), received.getFirst());
    }

    @Test
    void aDispatcherOfStrings_takesUtf8AsItsText() throws Exception {
        List<String> received = new ArrayList<>();
        WebSocketDispatcher strings = new WebSocketDispatcher() {
            @Override
            public CompletionStage<?> onTextMessage(WebSocketSession session, String message) {
                received.add(message);
                return null;
            }
        };

        strings.onUtf8TextMessage(null, "é€😀".getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of("é€😀"), received);
    }
}
