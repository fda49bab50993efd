package io.wsconnector.runtime.protocol;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An event repeated thousands of times costs a line when it starts and a line per interval, not a line
 * each.
 */
class CountedLogTest {
    private static final long INTERVAL = Duration.ofSeconds(60).toNanos();

    private final List<String> lines = new ArrayList<>();

    private CountedLog log() {
        return new CountedLog(Duration.ofNanos(INTERVAL), (level, line) -> lines.add(line));
    }

    @Test
    void theFirstEventIsLoggedAtOnceAndTheRestOncePerInterval() {
        CountedLog log = log();
        long start = System.nanoTime();
        for (int i = 0; i < 5_000; i++) {
            int n = i;
            log.count(CountedLog.Event.HANDSHAKE_TIMEOUT, () -> "connection " + n);
        }
        assertEquals(1, lines.size(), lines::toString);
        assertTrue(lines.getFirst().startsWith("connection 0"), lines::toString);

        log.check(start + INTERVAL + 1);
        assertEquals(2, lines.size(), lines::toString);
        assertTrue(lines.get(1).startsWith("Connections closed for not completing their request"), lines::toString);
        assertTrue(lines.get(1).endsWith(": 5000 in the last 60 s"), lines::toString);

        log.count(CountedLog.Event.HANDSHAKE_TIMEOUT, () -> "connection 5000"); // the attack goes on
        log.check(start + 2 * INTERVAL + 2);
        assertEquals(3, lines.size(), lines::toString);
        assertTrue(lines.get(2).endsWith(": 1 in the last 60 s"), lines::toString);
    }

    @Test
    void afterAQuietIntervalTheNextEventIsLoggedAtOnceAgain() {
        CountedLog log = log();
        long start = System.nanoTime();
        log.count(CountedLog.Event.CONNECTION_CAP, () -> "cap reached");
        log.check(start + INTERVAL + 1); // the one logged at once: nothing more to say
        log.check(start + 2 * INTERVAL + 2); // a quiet interval
        log.count(CountedLog.Event.CONNECTION_CAP, () -> "cap reached again");

        assertEquals(List.of("cap reached (from now on such events are counted and reported every 60 s)",
                "cap reached again (from now on such events are counted and reported every 60 s)"), lines);
    }
}
