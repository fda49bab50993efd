package io.wsconnector.testsupport;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class AwaitTest {
    @Test
    void untilReturnsOnceAnotherThreadMakesTheConditionHold() throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        Thread.ofVirtual().start(() -> done.set(true));

        Await.until("the other thread", Await.TIMEOUT, done::get);
        assertTrue(done.get());
    }

    @Test
    void aTimedOutWaitSaysWhatWasAwaitedAndWhatThereIsInstead() {
        AssertionError failure = assertThrows(AssertionError.class,
                () -> Await.until(() -> "an empty registry; left in it: [ada]", Duration.ofMillis(50), () -> false));
        assertEquals("awaited an empty registry; left in it: [ada]: not within 50 ms", failure.getMessage());
    }

    @Test
    void untilPresentReturnsTheValueFound() throws Exception {
        assertEquals("found", Await.untilPresent(() -> "a value", Await.TIMEOUT, () -> Optional.of("found")));
    }

    @Test
    void holdsForIsFalseAsSoonAsTheConditionFailsAndTrueIfItHoldsThroughout() throws Exception {
        long start = System.nanoTime();
        assertFalse(Await.holdsFor(Duration.ofSeconds(30), () -> System.nanoTime() - start < 20_000_000));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 30, "returned at the first failed check");

        assertTrue(Await.holdsFor(Duration.ofMillis(50), () -> true));
    }
}
