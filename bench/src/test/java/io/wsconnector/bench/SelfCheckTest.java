package io.wsconnector.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void slowConsumerTargetsAreOnOursAloneAndCountsHaveNoRatio() {
        Results results = new Results();
        results.add(8, "rate_kept", "ours", 1, 0.95);
        results.add(8, "rate_kept", "helidon", 1, 0.0);
        results.add(8, "p99_kept", "ours", 1, 1.2);
        results.add(8, "slow_msgs", "ours", 1, 2700);
        results.add(8, "slow_msgs", "netty", 1, 14000);
        for (Results.Row row : results.rows()) {
            switch (row.metric().id()) {
                case "rate_kept" -> {
                    assertEquals(Boolean.TRUE, row.metHelidon()); // ≥ 0.90, whatever Helidon did
                    assertNull(row.ratioHelidon()); // Helidon's 0: no ratio
                }
                case "p99_kept" -> assertEquals(Boolean.FALSE, row.metHelidon()); // ≤ 1.10
                case "slow_msgs" -> assertNull(row.ratioNetty());
                default -> throw new AssertionError(row.metric().id());
            }
        }
    }
}
