package io.wsconnector.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * What other threads deliver to a test (messages, frames, events an endpoint recorded), in order. The test takes
 * one item at a time, waiting for each at most {@link Await#TIMEOUT}, and can look at everything delivered so
 * far; a wait that fails says what was awaited and what had arrived instead.
 *
 * @param <T> the items
 */
public final class Inbox<T> {
    private final String itemName;
    private final BlockingQueue<T> pending = new LinkedBlockingQueue<>();
    private final List<T> all = new ArrayList<>();

    /**
     * @param itemName what an item is called in failures, e.g. {@code "event"} or {@code "frame"}
     */
    public Inbox(String itemName) {
        this.itemName = itemName;
    }

    /** Delivers an item; any thread may call this. */
    public void add(T item) {
        synchronized (all) {
            all.add(item);
        }
        pending.add(item);
    }

    /** Takes the next item, waiting at most {@link Await#TIMEOUT}. */
    public T next() throws InterruptedException {
        return next(Await.TIMEOUT);
    }

    /** Takes the next item, waiting at most {@code timeout}. */
    public T next(Duration timeout) throws InterruptedException {
        return next("any " + itemName, timeout);
    }

    /** Takes the next item, which must be of this type; {@code awaited} names it in a failure. */
    public <U extends T> U next(Class<U> type, String awaited) throws InterruptedException {
        T item = next(awaited, Await.TIMEOUT);
        if (!type.isInstance(item)) {
            throw new AssertionError("awaited " + awaited + ", but the next " + itemName + " was "
                    + describe(item) + "; every " + itemName + " so far: " + describeAll());
        }
        return type.cast(item);
    }

    /**
     * Takes items until one passes {@code test}, and returns it; the items before it are taken too. Waits at
     * most {@link Await#TIMEOUT} in all.
     */
    public T nextMatching(String awaited, Predicate<? super T> test) throws InterruptedException {
        long deadline = System.nanoTime() + Await.TIMEOUT.toNanos();
        while (true) {
            T item = pending.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (item == null) {
                throw nothingArrived(awaited, Await.TIMEOUT);
            }
            if (test.test(item)) {
                return item;
            }
        }
    }

    /** Takes the next item if one arrives within {@code timeout}. */
    public Optional<T> poll(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(pending.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
    }

    /** The items delivered and not taken yet. */
    public List<T> pending() {
        return List.copyOf(pending);
    }

    /** Every item delivered so far, taken or not. */
    public List<T> all() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    /** The items of this type delivered so far, taken or not. */
    public <U extends T> List<U> all(Class<U> type) {
        return all().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Forgets the items not taken yet; {@link #all()} still has them. */
    public void clear() {
        pending.clear();
    }

    /** Every item so far, as a failure message shows them. */
    public String describeAll() {
        return all().stream().map(Inbox::describe).toList().toString();
    }

    private T next(String awaited, Duration timeout) throws InterruptedException {
        T item = pending.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (item == null) {
            throw nothingArrived(awaited, timeout);
        }
        return item;
    }

    private AssertionError nothingArrived(String awaited, Duration timeout) {
        return new AssertionError("awaited " + awaited + ": not within " + Await.describe(timeout) + "; every "
                + itemName + " so far: " + describeAll());
    }

    /** An item as a failure message shows it: a byte array by its length, a string in quotes. */
    static String describe(Object item) {
        if (item instanceof byte[] bytes) {
            return "binary (" + bytes.length + " bytes)";
        }
        if (item instanceof CharSequence text) {
            return "'" + (text.length() > 200 ? text.subSequence(0, 200) + "…" : text) + "'";
        }
        return String.valueOf(item);
    }
}
