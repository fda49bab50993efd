package io.wsconnector.cluster.redis;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import redis.clients.jedis.BinaryJedisPubSub;
import redis.clients.jedis.BinaryJedisShardedPubSub;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The subscription connection to one Redis server, on a thread of its own that reads the messages and hands
 * them on: it reconnects with {@link Backoff} whenever the connection fails and subscribes again to every
 * channel wanted then, by itself.
 *
 * <p>Which channels it is subscribed to follows {@link #follow}, called by one thread (the writer); the
 * commands it sends need no reply to wait for, so that thread never waits for Redis here. The connection
 * ends when no channel is wanted any more (Redis ends subscribed mode with the last unsubscribe), and the
 * subscriber with it.
 */
final class ShardSubscriber {
    private static final System.Logger LOGGER = System.getLogger(ShardSubscriber.class.getName());

    private final HostAndPort server;
    private final RedisDeployment redis;
    private final Supplier<List<String>> wanted;
    private final BiConsumer<String, byte[]> messages;
    private final Runnable changed;
    private final Counters counters;
    private final Thread thread;
    /** Channels Redis confirmed; for counts. */
    private final Set<String> confirmed = ConcurrentHashMap.newKeySet();
    /** The channels Redis will be subscribed to once it has read every command sent on this connection. */
    private Set<String> requested;
    /** The subscription that {@link #follow} may send commands on: set once Redis has confirmed the first. */
    private PubSub active;
    private volatile Connection connection;
    /** The channel of the last message read, and its name; the reading thread's alone. */
    private byte[] lastChannel;
    private String lastChannelName;
    private volatile boolean stopped;
    private volatile boolean finished;

    /**
     * @param server   the Redis server
     * @param redis    the deployment, to connect
     * @param wanted   the channels this server serves that the node wants now
     * @param messages takes each message, on this subscriber's thread
     * @param changed  called when the subscription changes (connected, lost, ended), for the writer to look
     * @param counters where reconnections are counted
     */
    ShardSubscriber(HostAndPort server, RedisDeployment redis, Supplier<List<String>> wanted,
                    BiConsumer<String, byte[]> messages, Runnable changed, Counters counters) {
        this.server = server;
        this.redis = redis;
        this.wanted = wanted;
        this.messages = messages;
        this.changed = changed;
        this.counters = counters;
        this.thread = Thread.ofPlatform().daemon().name("wsconnector-redis-subscriber " + server).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** Whether the subscriber has ended, having nothing left to listen to, or stopped. */
    boolean finished() {
        return finished;
    }

    /** How many channels Redis has confirmed on this connection. */
    int subscriptions() {
        return confirmed.size();
    }

    /**
     * Subscribes to the channels wanted now that are not subscribed and unsubscribes from those no longer
     * wanted; does nothing while the connection is being made (it subscribes to the wanted ones when it is).
     */
    synchronized void follow(Collection<String> channels) {
        if (active == null) {
            return;
        }
        Set<String> want = new HashSet<>(channels);
        List<String> add = want.stream().filter(channel -> !requested.contains(channel)).toList();
        List<String> remove = requested.stream().filter(channel -> !want.contains(channel)).toList();
        try {
            if (!add.isEmpty()) {
                active.add(bytes(add));
                requested.addAll(add);
            }
            if (!remove.isEmpty()) {
                active.remove(bytes(remove));
                remove.forEach(requested::remove);
            }
        } catch (JedisException e) {
            // the connection broke: the reading thread sees it too and subscribes again to what is wanted
        }
    }

    /** Drops the connection, so the subscriber makes a new one (Redis went away without closing it). */
    void reconnect() {
        Connection current = connection;
        if (current != null) {
            current.disconnect();
        }
    }

    /** Ends the subscription and its thread. */
    void stop() {
        stopped = true;
        reconnect();
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        Backoff backoff = new Backoff();
        boolean failed = false;
        try {
            while (!stopped) {
                List<String> initial = wanted.get();
                if (initial.isEmpty()) {
                    return;
                }
                if (redis.sharded()) {
                    // the others follow once Redis confirms this one (see Sharded)
                    initial = initial.subList(0, 1);
                }
                PubSub pubSub = redis.sharded() ? new Sharded(initial) : new Classic(initial);
                try (Connection opened = redis.open(server)) {
                    connection = opened;
                    if (stopped) {
                        return;
                    }
                    if (failed) {
                        counters.reconnects.increment();
                        LOGGER.log(Level.INFO, "Connected again to Redis at " + server + "; subscribing again");
                    }
                    failed = false;
                    backoff.reset();
                    pubSub.listen(opened, bytes(initial)); // until nothing is subscribed any more
                } catch (JedisException e) {
                    if (stopped) {
                        return;
                    }
                    if (!failed) {
                        LOGGER.log(Level.WARNING, "Lost the subscription to Redis at " + server + " (" + e.getMessage()
                                + "); messages from other nodes are missed, and counted, until it is back; reconnecting");
                    }
                    failed = true;
                    redis.refreshSlots();
                    sleep(backoff.next());
                } finally {
                    synchronized (this) {
                        active = null;
                        requested = null;
                    }
                    connection = null;
                    confirmed.clear();
                    changed.run();
                }
            }
        } finally {
            finished = true;
            changed.run();
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            stopped = true;
        }
    }

    /** Redis confirmed a subscription: from the first on, {@link #follow} may send commands. */
    private void subscribed(byte[] channel, PubSub pubSub, List<String> initial) {
        confirmed.add(new String(channel, StandardCharsets.UTF_8));
        boolean first;
        synchronized (this) {
            first = active == null;
            if (first) {
                requested = new HashSet<>(initial);
                active = pubSub;
            }
        }
        if (first) {
            changed.run();
        }
    }

    private void unsubscribed(byte[] channel) {
        if (channel != null) {
            confirmed.remove(new String(channel, StandardCharsets.UTF_8));
        }
    }

    private void message(byte[] channel, byte[] message) {
        // messages come in runs on one channel: its name is decoded (and hashed, for the interest's lookup) once
        if (!Arrays.equals(channel, lastChannel)) {
            lastChannel = channel;
            lastChannelName = new String(channel, StandardCharsets.UTF_8);
        }
        messages.accept(lastChannelName, message);
    }

    private static byte[][] bytes(Collection<String> channels) {
        byte[][] bytes = new byte[channels.size()][];
        int i = 0;
        for (String channel : channels) {
            bytes[i++] = channel.getBytes(StandardCharsets.UTF_8);
        }
        return bytes;
    }

    /** Classic or sharded pub/sub on one connection, as one interface. */
    private interface PubSub {
        void listen(Connection connection, byte[][] channels);

        void add(byte[][] channels);

        void remove(byte[][] channels);
    }

    private final class Classic extends BinaryJedisPubSub implements PubSub {
        private final List<String> initial;

        Classic(List<String> initial) {
            this.initial = initial;
        }

        @Override
        public void listen(Connection connection, byte[][] channels) {
            proceed(connection, channels);
        }

        @Override
        public void add(byte[][] channels) {
            subscribe(channels);
        }

        @Override
        public void remove(byte[][] channels) {
            unsubscribe(channels);
        }

        @Override
        public void onSubscribe(byte[] channel, int count) {
            subscribed(channel, this, initial);
        }

        @Override
        public void onUnsubscribe(byte[] channel, int count) {
            unsubscribed(channel);
        }

        @Override
        public void onMessage(byte[] channel, byte[] message) {
            message(channel, message);
        }
    }

    private final class Sharded extends BinaryJedisShardedPubSub implements PubSub {
        private final List<String> initial;

        Sharded(List<String> initial) {
            this.initial = initial;
        }

        @Override
        public void listen(Connection connection, byte[][] channels) {
            proceed(connection, channels);
        }

        // one command per channel: a sharded (un)subscribe may only name channels of one hash slot
        @Override
        public void add(byte[][] channels) {
            for (byte[] channel : channels) {
                ssubscribe(channel);
            }
        }

        @Override
        public void remove(byte[][] channels) {
            for (byte[] channel : channels) {
                sunsubscribe(channel);
            }
        }

        @Override
        public void onSSubscribe(byte[] channel, int count) {
            subscribed(channel, this, initial);
        }

        @Override
        public void onSUnsubscribe(byte[] channel, int count) {
            unsubscribed(channel);
        }

        @Override
        public void onSMessage(byte[] channel, byte[] message) {
            message(channel, message);
        }
    }
}
