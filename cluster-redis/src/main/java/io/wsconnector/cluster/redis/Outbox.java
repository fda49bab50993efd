package io.wsconnector.cluster.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.wsconnector.runtime.cluster.ClusterMessage;
import io.wsconnector.runtime.cluster.Target;

/**
 * The messages this node has yet to publish, in a bounded queue that any thread adds to without waiting,
 * and the sequence numbers it gives them per channel.
 *
 * <p>A message gets its number and its place in the queue under its channel's lock, so the queue holds each
 * channel's messages in number order and Redis receives them in that order. A message that finds the queue
 * full is dropped with its number used, so other nodes see the hole and count it. The writer waiting for
 * messages can also be woken without one ({@link #wake}), for other work.
 *
 * <p>An endpoint's or room's channel state is found by its {@link Target}, whose channel name is built and
 * encoded once, when the channel is first used (or again after it was forgotten): a broadcast then costs
 * one map lookup by a record whose path string caches its hash, not a name built, escaped and hashed anew.
 */
final class Outbox {
    /** A channel not published to for this long forgets its count; the next message is number 1 again. */
    static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(5);

    /** A message ready for Redis, and its channel's name in UTF-8. */
    record Outgoing(byte[] channel, byte[] bytes) {
    }

    /** This node's id in ASCII, as every envelope carries it. */
    private final byte[] origin;
    private final Channels names;
    private final int capacity;
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private boolean woken;
    /** By {@link Target} for endpoints and rooms, by channel name for nodes' channels. */
    private final ConcurrentHashMap<Object, Sequence> sequences = new ConcurrentHashMap<>();
    private final Counters counters;

    /**
     * @param origin   this node's id, written in every message
     * @param names    the cluster's channel names
     * @param capacity how many messages may wait
     * @param counters where drops are counted
     */
    Outbox(String origin, Channels names, int capacity, Counters counters) {
        this.origin = Envelope.ascii(origin);
        this.names = names;
        this.capacity = capacity;
        this.counters = counters;
    }

    /**
     * Numbers the message and queues it for the channel of its endpoint or room; never waits.
     *
     * @param target an endpoint or a room
     * @return {@code false} if the queue was full and the message dropped
     */
    boolean post(Target target, ClusterMessage message) {
        Sequence sequence = sequences.get(target);
        if (sequence == null) { // computeIfAbsent's lambda only for a channel not in use
            sequence = sequences.computeIfAbsent(target, key -> new Sequence(names.of((Target) key)));
        }
        return post(sequence, message);
    }

    /**
     * Numbers the message and queues it for a node's channel (messages to its sessions by id); never waits.
     *
     * @param channel the node's channel ({@link Channels#node})
     * @return {@code false} if the queue was full and the message dropped
     */
    boolean postToNode(String channel, ClusterMessage message) {
        return post(sequences.computeIfAbsent(channel, key -> new Sequence((String) key)), message);
    }

    private boolean post(Sequence sequence, ClusterMessage message) {
        synchronized (sequence) {
            sequence.lastUsed = System.nanoTime();
            byte[] bytes = Envelope.encode(origin, ++sequence.last, message);
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
