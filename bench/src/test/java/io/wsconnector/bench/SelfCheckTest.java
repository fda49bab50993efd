package io.wsconnector.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SelfCheckTest {
    @Test
    void loadGeneratorCatchesBadEchoesAndPassesGoodOnes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean ok = SelfCheck.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String report = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(ok, report);
    }

    @Test
    void acceptKeyMatchesRfc6455Example() {
        // RFC 6455 section 1.3
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", LoadGenerator.acceptFor("dGhlIHNhbXBsZSBub25jZQ=="));
        assertNull(LoadGenerator.checkHandshake("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
    }

    @Test
    void statsAndRatios() {
        Results results = new Results();
        for (int round = 1; round <= 3; round++) {
            results.add(1, "msgs_per_s", "ours", round, 90 + round);
            results.add(1, "msgs_per_s", "helidon", round, 100);
            results.add(1, "msgs_per_s", "netty", round, 200);
        }
        Results.Row row = results.rows().get(0);
        assertEquals(92, row.ours().median());
        assertEquals(91, row.ours().min());
        assertEquals(0.92, row.ratioHelidon(), 1e-9);
        assertEquals(0.46, row.ratioNetty(), 1e-9);
        assertEquals(Boolean.FALSE, row.metHelidon()); // needs ≥ 0.97×
    }
}
