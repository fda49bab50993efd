package io.wsconnector.tests;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.testsupport.Await;
import io.wsconnector.testsupport.Inbox;

/**
 * What the test endpoints saw, in the order they saw it, shared by all the connections of one test.
 * Endpoints record; tests wait for the events they expect (up to {@link Await#TIMEOUT}).
 */
public final class Recorder {
    /** An {@code @OnOpen} call: the session, and whether it was open at that moment. */
    public record Opened(WebSocketSession session, String id, boolean open) {
    }

    /** An {@code @OnTextMessage} call. */
    public record Message(String sessionId, String text) {
    }

    /** An {@code @OnClose} call, with whether the session still said it was open. */
    public record Closed(String sessionId, int statusCode, String reason, boolean openDuringClose) {
    }

    /** An {@code @OnClose} call of a method without parameters. */
    public record ClosedWithoutArguments() {
    }

    /** Something a handler tried, and what came of it. */
    public record Outcome(String sessionId, String description) {
    }

    /**
     * A call of a handler (named by its annotation, e.g. {@code "OnOpen"}) with the values it was given or
     * saw, compared by value; the values may be {@code null}.
     */
    public record Call(String handler, List<Object> values) {
        public static Call of(String handler, Object... values) {
            return new Call(handler, Collections.unmodifiableList(Arrays.asList(values.clone())));
        }
    }

    private final Inbox<Object> events = new Inbox<>("event");

    public void record(Object event) {
        events.add(event);
    }

    /** Waits for the next event not yet taken, which must be of this type. */
    public <T> T next(Class<T> type) throws InterruptedException {
        return events.next(type, type.getSimpleName());
    }

    /** Waits for the next event of this type, skipping others. */
    public <T> T nextOf(Class<T> type) throws InterruptedException {
        return type.cast(events.nextMatching(type.getSimpleName(), type::isInstance));
    }

    /** Waits for the {@code @OnClose} of this session, taken already or not. */
    public Closed closeOf(String sessionId) throws InterruptedException {
        return closeOf(sessionId, Await.TIMEOUT);
    }

    /** Waits at most {@code timeout} for the {@code @OnClose} of this session, taken already or not. */
    public Closed closeOf(String sessionId, Duration timeout) throws InterruptedException {
        return Await.untilPresent(() -> "@OnClose for " + sessionId + "; events so far: " + events.describeAll(),
                timeout, () -> all(Closed.class).stream()
                        .filter(closed -> closed.sessionId().equals(sessionId))
                        .findFirst());
    }

    /** Every event recorded so far, including those already taken. */
    public List<Object> all() {
        return events.all();
    }

    /** The handlers called so far, in order, e.g. {@code [OnUpgrade, OnOpen]}. */
    public List<String> handlers() {
        return all(Call.class).stream().map(Call::handler).toList();
    }

    /** The events of this type recorded so far. */
    public <T> List<T> all(Class<T> type) {
        return events.all(type);
    }
}
