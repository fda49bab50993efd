package io.wsconnector.cluster.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.wsconnector.runtime.cluster.ClusterMessage;

/**
 * The messages this node has yet to publish, in a bounded queue that any thread adds to without waiting,
 * and the sequence numbers it gives them per channel.
 *
 * <p>A message gets its number and its place in the queue under its channel's lock, so the queue holds each
 * channel's messages in number order and Redis receives them in that order. A message that finds the queue
 * full is dropped with its number used, so other nodes see the hole and count it. The writer waiting for
 * messages can also be woken without one ({@link #wake}), for other work.
 */
final class Outbox {
    /** A channel not published to for this long forgets its count; the next message is number 1 again. */
    static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(5);

    /** A message ready for Redis, and its channel's name in UTF-8. */
    record Outgoing(byte[] channel, byte[] bytes) {
    }

    private final String origin;
    private final int capacity;
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private boolean woken;
    private final ConcurrentHashMap<String, Sequence> sequences = new ConcurrentHashMap<>();
    private final Counters counters;

    /**
     * @param origin   this node's id, written in every message
     * @param capacity how many messages may wait
     * @param counters where drops are counted
     */
    Outbox(String origin, int capacity, Counters counters) {
        this.origin = origin;
        this.capacity = capacity;
        this.counters = counters;
    }

    /**
     * Numbers the message and queues it for the channel; never waits.
     *
     * @return {@code false} if the queue was full and the message dropped
     */
    boolean post(String channel, ClusterMessage message) {
        Sequence sequence = sequences.computeIfAbsent(channel, Sequence::new);
        synchronized (sequence) {
            sequence.lastUsed = System.nanoTime();
            byte[] bytes = new Envelope(origin, ++sequence.last, message).encode();
            lock.lock();
            try {
                if (queue.size() >= capacity) {
                    counters.droppedQueueFull.increment();
                    return false;
                }
                queue.add(new Outgoing(sequence.channel, bytes));
                ready.signal();
                return true;
            } finally {
                lock.unlock();
            }
        }
    }

    /** Ends the writer's current wait in {@link #take}, whether or not a message came. */
    void wake() {
        lock.lock();
        try {
            woken = true;
            ready.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for messages, or {@link #wake}, or the time-out, and takes up to {@code max} messages.
     *
     * @param batch   where the messages go
     * @param max     the most to take
     * @param timeout how long to wait for the first, in nanoseconds
     */
    void take(List<Outgoing> batch, int max, long timeout) throws InterruptedException {
        lock.lock();
        try {
            long left = timeout;
            while (queue.isEmpty() && !woken && left > 0) {
                left = ready.awaitNanos(left);
            }
            woken = false;
            while (batch.size() < max && !queue.isEmpty()) {
                batch.add(queue.poll());
            }
        } finally {
            lock.unlock();
        }
    }

    /** Forgets the counts of channels not published to for {@link #IDLE_NANOS}. */
    void forgetIdle() {
        long now = System.nanoTime();
        sequences.values().removeIf(sequence -> {
            synchronized (sequence) {
                return now - sequence.lastUsed > IDLE_NANOS;
            }
        });
    }

    private static final class Sequence {
        final byte[] channel;
        long last;
        long lastUsed;

        Sequence(String channel) {
            this.channel = channel.getBytes(StandardCharsets.UTF_8);
        }
    }
}
