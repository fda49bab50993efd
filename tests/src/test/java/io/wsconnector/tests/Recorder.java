package io.wsconnector.tests;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.wsconnector.runtime.WebSocketSession;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What the test endpoints saw, in the order they saw it, shared by all the connections of one test.
 * Endpoints record; tests wait for the events they expect (up to {@link #TIMEOUT_SECONDS}).
 */
final class Recorder {
    static final long TIMEOUT_SECONDS = 10;

    /** An {@code @OnOpen} call: the session, and whether it was open at that moment. */
    record Opened(WebSocketSession session, String id, boolean open) {
    }

    /** An {@code @OnTextMessage} call. */
    record Message(String sessionId, String text) {
    }

    /** An {@code @OnClose} call, with whether the session still said it was open. */
    record Closed(String sessionId, int statusCode, String reason, boolean openDuringClose) {
    }

    /** An {@code @OnClose} call of a method without parameters. */
    record ClosedWithoutArguments() {
    }

    /** Something a handler tried, and what came of it. */
    record Outcome(String sessionId, String description) {
    }

    /**
     * A call of a handler (named by its annotation, e.g. {@code "OnOpen"}) with the values it was given or
     * saw, compared by value; the values may be {@code null}.
     */
    record Call(String handler, List<Object> values) {
        static Call of(String handler, Object... values) {
            return new Call(handler, Collections.unmodifiableList(Arrays.asList(values.clone())));
        }
    }

    private final BlockingQueue<Object> pending = new LinkedBlockingQueue<>();
    private final List<Object> all = new ArrayList<>();

    void record(Object event) {
        synchronized (all) {
            all.add(event);
        }
        pending.add(event);
    }

    /** Waits for the next event not yet taken, which must be of this type. */
    <T> T next(Class<T> type) throws InterruptedException {
        Object event = pending.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(event, () -> "no " + type.getSimpleName() + " recorded within " + TIMEOUT_SECONDS
                + " s; so far: " + all());
        if (!type.isInstance(event)) {
            fail("expected " + type.getSimpleName() + " but the next event was " + event + "; all: " + all());
        }
        return type.cast(event);
    }

    /** Waits for the next event of this type, skipping others. */
    <T> T nextOf(Class<T> type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            long left = deadline - System.nanoTime();
            Object event = left > 0 ? pending.poll(left, TimeUnit.NANOSECONDS) : null;
            assertNotNull(event, () -> "no " + type.getSimpleName() + " recorded within " + TIMEOUT_SECONDS
                    + " s; so far: " + all());
            if (type.isInstance(event)) {
                return type.cast(event);
            }
        }
    }

    /** Every event recorded so far, including those already taken. */
    List<Object> all() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    /** The handlers called so far, in order, e.g. {@code [OnUpgrade, OnOpen]}. */
    List<String> handlers() {
        List<String> handlers = new ArrayList<>();
        for (Call call : all(Call.class)) {
            handlers.add(call.handler());
        }
        return handlers;
    }

    /** The events of this type recorded so far. */
    <T> List<T> all(Class<T> type) {
        List<T> result = new ArrayList<>();
        for (Object event : all()) {
            if (type.isInstance(event)) {
                result.add(type.cast(event));
            }
        }
        return result;
    }
}
