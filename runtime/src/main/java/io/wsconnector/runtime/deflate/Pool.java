package io.wsconnector.runtime.deflate;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Compressors or inflaters lent for one message at a time, so that connections that keep no context
 * between messages hold none while idle. At most {@code capacity} wait idle; one given back when the pool
 * is full is ended at once, so memory is bounded by the messages in progress plus the capacity.
 *
 * @param <T> what is pooled
 */
final class Pool<T> {
    private final ArrayBlockingQueue<T> idle;
    private final Supplier<T> create;
    private final Consumer<T> end;

    /**
     * @param capacity how many may wait idle
     * @param create   makes a new one when none is idle
     * @param end      frees one that is no longer kept
     */
    Pool(int capacity, Supplier<T> create, Consumer<T> end) {
        this.idle = new ArrayBlockingQueue<>(capacity);
        this.create = create;
        this.end = end;
    }

    /** An idle one, or a new one. */
    T borrow() {
        T pooled = idle.poll();
        return pooled != null ? pooled : create.get();
    }

    /** Takes back one in a clean state: kept for the next borrower, or ended if enough are kept. */
    void giveBack(T item) {
        if (!idle.offer(item)) {
            end.accept(item);
        }
    }

    /** Ends one that is not in a clean state (a failure halfway): never reused. */
    void discard(T item) {
        end.accept(item);
    }

    /** Ends every idle one; the pool still lends afterwards. */
    void clear() {
        T item;
        while ((item = idle.poll()) != null) {
            end.accept(item);
        }
    }

    /** How many wait idle: for tests. */
    int idleCount() {
        return idle.size();
    }
}
