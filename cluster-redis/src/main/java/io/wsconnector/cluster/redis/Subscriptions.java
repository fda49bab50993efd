package io.wsconnector.cluster.redis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import redis.clients.jedis.HostAndPort;

/**
 * Keeps this node's Redis subscriptions equal to its {@link Interests}: one {@link ShardSubscriber} per
 * Redis server that serves a wanted channel (the one server, or each master of a cluster that owns one),
 * each told which of its channels are wanted. {@link #follow} runs on the writer thread only, after a
 * change; the subscribers' own threads read.
 *
 * <p>It compares the wanted state with the subscribed one rather than replaying joins and leaves, so any
 * interleaving of joins, leaves and reconnections ends with exactly the wanted channels subscribed.
 */
final class Subscriptions {
    private final RedisDeployment redis;
    private final Interests interests;
    private final BiConsumer<String, byte[]> messages;
    private final Counters counters;
    private final Map<HostAndPort, ShardSubscriber> subscribers = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    /**
     * @param redis     the deployment
     * @param interests the wanted channels
     * @param messages  takes each message received, on a subscriber's thread
     * @param counters  where reconnections are counted
     */
    Subscriptions(RedisDeployment redis, Interests interests, BiConsumer<String, byte[]> messages, Counters counters) {
        this.redis = redis;
        this.interests = interests;
        this.messages = messages;
        this.counters = counters;
    }

    /** Brings the subscriptions to the wanted channels; on the writer thread. */
    void follow() {
        if (stopped || !interests.takeChanged()) {
            return;
        }
        Map<HostAndPort, List<String>> byServer = new HashMap<>();
        for (String channel : interests.channels()) {
            byServer.computeIfAbsent(redis.serverOf(channel), server -> new ArrayList<>()).add(channel);
        }
        subscribers.values().removeIf(ShardSubscriber::finished);
        byServer.forEach((server, channels) -> subscribers.computeIfAbsent(server, this::start).follow(channels));
        subscribers.forEach((server, subscriber) -> {
            if (!byServer.containsKey(server)) {
                subscriber.follow(List.of()); // the last unsubscribe ends the connection, and the subscriber
            }
        });
    }

    /** Makes every subscriber reconnect: the writer found Redis unreachable, so theirs may be dead too. */
    void reconnectAll() {
        subscribers.values().forEach(ShardSubscriber::reconnect);
    }

    /** How many channels Redis has confirmed, over all subscribers. */
    int count() {
        int count = 0;
        for (ShardSubscriber subscriber : subscribers.values()) {
            count += subscriber.subscriptions();
        }
        return count;
    }

    void stop() {
        stopped = true;
        subscribers.values().forEach(ShardSubscriber::stop);
        subscribers.clear();
    }

    private ShardSubscriber start(HostAndPort server) {
        ShardSubscriber subscriber = new ShardSubscriber(server, redis, () -> wantedOn(server), messages,
                interests::markChanged, counters);
        subscriber.start();
        return subscriber;
    }

    private List<String> wantedOn(HostAndPort server) {
        List<String> wanted = new ArrayList<>();
        for (String channel : interests.channels()) {
            if (server.equals(redis.serverOf(channel))) {
                wanted.add(channel);
            }
        }
        return wanted;
    }
}
