package io.wsconnector.runtime.protocol;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The connections' tallies and the endpoint's collection: what each connection counted, and what other threads
 * sent to it, reaches the endpoint's meters as sums when collected, each message once.
 */
class MessageTallyTest {
    /** What the endpoint's meters were handed, as "in messages bytes" and "out messages bytes". */
    private final List<String> handed = new ArrayList<>();
    private final MessageCounts counts = new MessageCounts(new EndpointMetrics() {
        @Override
        public void messagesIn(long messages, long payloadBytes) {
            handed.add("in " + messages + " " + payloadBytes);
        }

        @Override
        public void messagesOut(long messages, long payloadBytes) {
            handed.add("out " + messages + " " + payloadBytes);
        }
    });

    /** A tally that counts for no meters: for tests of what counts, not of the counting. */
    static MessageTally untallied() {
        return new MessageTally(Thread.currentThread(), new MessageCounts(EndpointMetrics.NONE));
    }

    @Test
    void messagesAreHandedOverAsSumsWhenCollectedEachOnce() {
        MessageTally first = new MessageTally(Thread.currentThread(), counts);
        MessageTally second = new MessageTally(Thread.currentThread(), counts);
        first.start();
        second.start();
        first.in(5);
        first.in(6);
        second.in(1);
        second.out(1000);
        assertEquals(List.of(), handed, "nothing before a collection");

        counts.collect();
        counts.collect();
        assertEquals(List.of("in 3 12", "out 1 1000"), handed, "the sums, once");

        first.out(7);
        counts.collect();
        assertEquals(List.of("in 3 12", "out 1 1000", "out 1 7"), handed, "what came since");
    }

    @Test
    void messagesSentFromAnotherThreadAreCountedForTheEndpoint() throws Exception {
        MessageTally tally = new MessageTally(Thread.currentThread(), counts);
        tally.start();
        Thread other = Thread.ofVirtual().start(() -> {
            tally.out(10);
            tally.out(20);
        });
        other.join();

        counts.collect();
        assertEquals(List.of("out 2 30"), handed);
    }

    @Test
    void anEndedConnectionIsCollectedOnceMoreAndThenForgotten() {
        MessageTally tally = new MessageTally(Thread.currentThread(), counts);
        tally.start();
        tally.in(3);
        tally.end();

        counts.collect();
        tally.in(4); // not counted by an ended connection's thread: the tally is no longer collected
        counts.collect();
        assertEquals(List.of("in 1 3"), handed);
    }

    @Test
    void withoutMetersNothingIsCollected() {
        MessageCounts none = new MessageCounts(EndpointMetrics.NONE);
        MessageTally tally = new MessageTally(Thread.currentThread(), none);
        tally.start();
        tally.in(3);

        none.collect();
        assertEquals(List.of(), handed);
    }
}
