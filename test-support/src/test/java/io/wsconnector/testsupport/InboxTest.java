package io.wsconnector.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(60)
class InboxTest {
    @Test
    void itemsAreTakenInTheOrderTheyArrivedAndAllAreRemembered() throws Exception {
        Inbox<Object> inbox = new Inbox<>("event");
        inbox.add("open");
        inbox.add(new byte[] {1, 2});
        inbox.add("close");

        assertEquals("open", inbox.next());
        assertArrayEquals(new byte[] {1, 2}, inbox.next(byte[].class, "a binary message"));
        assertEquals(List.of("close"), inbox.pending());
        assertEquals(3, inbox.all().size());
        assertEquals(List.of("open", "close"), inbox.all(String.class));
    }

    @Test
    void awaitingOneTypeWhenAnotherComesSaysWhatCame() {
        Inbox<Object> inbox = new Inbox<>("event");
        inbox.add(new byte[3]);

        AssertionError failure = assertThrows(AssertionError.class, () -> inbox.next(String.class, "a text message"));
        assertEquals("awaited a text message, but the next event was binary (3 bytes); every event so far:"
                + " [binary (3 bytes)]", failure.getMessage());
    }

    @Test
    void nextMatchingTakesTheItemsBeforeTheOneItFinds() throws Exception {
        Inbox<String> inbox = new Inbox<>("event");
        inbox.add("open");
        inbox.add("text:hi");
        inbox.add("close 1000");

        assertEquals("close 1000", inbox.nextMatching("a close", event -> event.startsWith("close")));
        assertEquals(List.of(), inbox.pending());
        assertEquals(Optional.empty(), inbox.poll(Duration.ofMillis(10)));
    }

    @Test
    void aWaitThatTimesOutListsWhatArrived() {
        Inbox<String> inbox = new Inbox<>("frame");
        inbox.add("ping");
        inbox.clear();

        AssertionError failure = assertThrows(AssertionError.class, () -> inbox.next(Duration.ofMillis(20)));
        assertEquals("awaited any frame: not within 20 ms; every frame so far: ['ping']", failure.getMessage());
    }
}
