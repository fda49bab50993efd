package io.wsconnector.runtime;

import java.time.Duration;
import java.util.List;

import io.wsconnector.testsupport.Inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What hand-written dispatchers saw, in order, as short strings ("open", "text:hi", "close:1000"); tests wait for
 * them, at most {@link io.wsconnector.testsupport.Await#TIMEOUT} each.
 */
final class Events {
    private final Inbox<String> events = new Inbox<>("event");

    void add(String event) {
        events.add(event);
    }

    /** Waits for the next event, which must be this one. */
    void expect(String expected) throws InterruptedException {
        assertEquals(expected, events.next(), () -> "all events: " + all());
    }

    /** Waits for the next event that starts with this prefix, skipping others. */
    String nextStartingWith(String prefix) throws InterruptedException {
        return events.nextMatching("an event starting with '" + prefix + "'", event -> event.startsWith(prefix));
    }

    /** Fails if an event arrives within this time. */
    void expectNothingFor(long millis) throws InterruptedException {
        assertEquals(null, events.poll(Duration.ofMillis(millis)).orElse(null), () -> "unexpected event; all: " + all());
    }

    /** Forgets the events not taken yet. */
    void clear() {
        events.clear();
    }

    List<String> all() {
        return events.all();
    }
}
