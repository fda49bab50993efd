package io.wsconnector.testsupport;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;

class TimingTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void anEventMayComeOnTimeOrLateByAtMostLate() {
        Timing.assertAfter("on time", SECOND, 0, SECOND.toNanos());
        Timing.assertAfter("late", SECOND, 0, SECOND.plus(Timing.LATE).toNanos());
        Timing.assertAfter("a little early, as allowed", SECOND, Duration.ofMillis(100), 0, millis(950));
    }

    @Test
    void anEarlyOrTooLateEventFails() {
        assertThrows(AssertionError.class, () -> Timing.assertAfter("early", SECOND, 0, millis(999)));
        assertThrows(AssertionError.class,
                () -> Timing.assertAfter("earlier than allowed", SECOND, Duration.ofMillis(100), 0, millis(899)));
        assertThrows(AssertionError.class,
                () -> Timing.assertAfter("too late", SECOND, 0, SECOND.plus(Timing.LATE).toNanos() + 1_000_000));
    }

    private static long millis(long millis) {
        return Duration.ofMillis(millis).toNanos();
    }
}
