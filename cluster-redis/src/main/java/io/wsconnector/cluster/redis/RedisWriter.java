package io.wsconnector.cluster.redis;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The one thread that writes to Redis: it publishes the {@link Outbox}'s messages in batches (one pipeline
 * per batch, so a batch costs one round trip), writes presence changes and the heartbeat, and has the
 * {@link Subscriptions} follow the wanted channels.
 *
 * <p>When Redis cannot be reached, it drops what is queued (counted, with the sequence numbers used, so
 * receivers count the hole too) instead of letting it wait, and tries again after a {@link Backoff}; no
 * thread that sends a message ever waits for Redis.
 */
final class RedisWriter {
    private static final System.Logger LOGGER = System.getLogger(RedisWriter.class.getName());
    /** The most messages in one pipeline. */
    private static final int BATCH = 1024;

    private final RedisDeployment redis;
    private final Outbox outbox;
    private final Presence presence;
    private final Subscriptions subscriptions;
    private final Interests interests;
    private final Counters counters;
    private final long heartbeatNanos;
    private final Thread thread;
    private volatile boolean running = true;

    RedisWriter(RedisDeployment redis, Outbox outbox, Presence presence, Subscriptions subscriptions,
                Interests interests, Counters counters, long heartbeatMillis) {
        this.redis = redis;
        this.outbox = outbox;
        this.presence = presence;
        this.subscriptions = subscriptions;
        this.interests = interests;
        this.counters = counters;
        this.heartbeatNanos = TimeUnit.MILLISECONDS.toNanos(heartbeatMillis);
        this.thread = Thread.ofPlatform().daemon().name("wsconnector-redis-writer").unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** Wakes the thread (a subscription change waits for the next batch otherwise). */
    void wake() {
        outbox.wake();
    }

    /** Stops after writing what is queued, removing this node's presence; waits at most a few seconds. */
    void stop() {
        running = false;
        outbox.wake();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Outbox.Outgoing> batch = new ArrayList<>(BATCH);
        Backoff backoff = new Backoff();
        boolean down = false;
        long nextAttempt = System.nanoTime();
        long nextHeartbeat = System.nanoTime();
        while (running) {
            try {
                outbox.take(batch, BATCH, Math.max(0, nextHeartbeat - System.nanoTime()));
            } catch (InterruptedException e) {
                running = false;
            }
            subscriptions.follow();
            long now = System.nanoTime();
            boolean heartbeat = now - nextHeartbeat >= 0;
            if (heartbeat) {
                nextHeartbeat = now + heartbeatNanos;
                outbox.forgetIdle();
                interests.forgetOriginsSilentSince(now - Outbox.IDLE_NANOS * 2);
            }
            if (down && now - nextAttempt < 0) {
                counters.droppedWhileDisconnected.add(batch.size());
            } else if (!batch.isEmpty() || heartbeat || down || presence.pending()) {
                try {
                    write(batch, heartbeat);
                    counters.published.add(batch.size());
                    if (down) {
                        LOGGER.log(Level.INFO, "Redis at " + redis.describe() + " is reachable again: publishing");
                        down = false;
                        backoff.reset();
                    }
                } catch (JedisException e) {
                    counters.droppedWhileDisconnected.add(batch.size());
                    presence.rewriteAll();
                    redis.refreshSlots();
                    if (!down) {
                        LOGGER.log(Level.WARNING, "Cannot publish to Redis at " + redis.describe() + " (" + e.getMessage()
                                + "); messages to other nodes are dropped, and counted, until it is back; local"
                                + " delivery goes on");
                        subscriptions.reconnectAll();
                    }
                    down = true;
                    nextAttempt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoff.next());
                }
            }
            batch.clear();
        }
        leave(batch);
    }

    private void write(List<Outbox.Outgoing> batch, boolean heartbeat) {
        AbstractPipeline pipeline = redis.pipeline();
        try {
            // presence first: a node that reads it on hearing a message (e.g. "joined") finds it written
            presence.write(pipeline, heartbeat);
            for (Outbox.Outgoing message : batch) {
                redis.publish(pipeline, message.channel(), message.bytes());
            }
            pipeline.sync();
            presence.written();
        } finally {
            closeQuietly(pipeline);
        }
    }

    /** Publishes what is still queued and removes this node's presence: the node is leaving. */
    private void leave(List<Outbox.Outgoing> batch) {
        try {
            outbox.take(batch, Integer.MAX_VALUE, 0);
            AbstractPipeline pipeline = redis.pipeline();
            try {
                for (Outbox.Outgoing message : batch) {
                    redis.publish(pipeline, message.channel(), message.bytes());
                }
                presence.remove(pipeline);
                pipeline.sync();
                counters.published.add(batch.size());
            } finally {
                closeQuietly(pipeline);
            }
        } catch (JedisException | InterruptedException e) {
            counters.droppedWhileDisconnected.add(batch.size());
            LOGGER.log(Level.DEBUG, "Could not remove this node's presence from Redis; it expires by itself", e);
        }
    }

    private static void closeQuietly(AbstractPipeline pipeline) {
        try {
            pipeline.close();
        } catch (RuntimeException e) {
            // the connection already failed: the pool drops it
        }
    }
}
