package io.wsconnector.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.LongAdder;

import io.wsconnector.runtime.WebSocketSessions;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.RedisClient;

/**
 * The cross-node fan-out written by hand, the baselines of the cluster scenario ({@link ClusterBench}): what a
 * user of wsconnector without {@code wsconnector-cluster-redis} writes with Jedis, one relay per node.
 * <ul>
 *     <li>Publishing, {@link Publishing#QUEUED} (variant {@code hand}, what a careful user writes so that no handler
 *     waits for Redis): the handler puts the message in a bounded queue (65,536, as the module's; a full queue
 *     drops it) and one publisher thread takes whatever has accumulated, up to 1,024 messages, and publishes it
 *     in one Jedis pipeline (one round trip). {@link Publishing#BLOCKING} (variant {@code hand-blocking}, the
 *     plainest code): the handler calls {@code publish} on Jedis's pooled client itself, one round trip per
 *     message on the handler's virtual thread, which holds the sender's connection until Redis answers.</li>
 *     <li>Receiving: one thread per node in Jedis's {@code subscribe} loop ({@link JedisPubSub}, text), which hands
 *     each message from another node to this node's sessions with the runtime's local broadcast
 *     ({@code WebSocketSessions.broadcastText}: encoded once, queued for each session, never waiting for one).</li>
 * </ul>
 * A message on the channel is the origin node's id, {@code |}, and the text: each node skips its own, which its
 * handler already broadcast locally. There are no sequence numbers: Redis pub/sub's losses go unseen.
 */
final class HandRelay implements AutoCloseable {
    static final String CHANNEL = "bench:broadcast";
    private static final int QUEUE = 65536;
    private static final int BATCH = 1024;

    /** How the handler's messages reach Redis. */
    enum Publishing {
        /** One {@code PUBLISH} per message on the handler's thread. */
        BLOCKING,
        /** A bounded queue, drained by one thread into pipelines. */
        QUEUED
    }

    private final String prefix;
    private final Publishing publishing;
    private final RedisClient redis;
    private final Subscriber subscriber = new Subscriber();
    private final Thread subscriberThread;
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread publisherThread;
    private final LongAdder published = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder received = new LongAdder();
    private volatile WebSocketSessions sessions;
    private volatile boolean running = true;

    /**
     * @param redisUri   {@code redis://host:port}
     * @param nodeId     this node's id, which starts each message it publishes
     * @param publishing how the handler's messages reach Redis
     */
    HandRelay(String redisUri, String nodeId, Publishing publishing) {
        this.prefix = nodeId + "|";
        this.publishing = publishing;
        this.redis = RedisClient.create(URI.create(redisUri));
        this.subscriberThread = Thread.ofPlatform().daemon().name("hand-relay-subscriber")
                .unstarted(() -> redis.subscribe(subscriber, CHANNEL));
        this.publisherThread = Thread.ofPlatform().daemon().name("hand-relay-publisher").unstarted(this::publishQueued);
    }

    /** Subscribes, handing what other nodes publish to these sessions. */
    void start(WebSocketSessions local) {
        this.sessions = local;
        subscriberThread.start();
        if (publishing == Publishing.QUEUED) {
            publisherThread.start();
        }
    }

    /** Publishes a message this node's handler broadcast locally. */
    void publish(String text) {
        if (publishing == Publishing.BLOCKING) {
            redis.publish(CHANNEL, prefix + text);
            published.increment();
        } else if (!queue.offer(prefix + text)) {
            dropped.increment();
        }
    }

    private void publishQueued() {
        List<String> batch = new ArrayList<>(BATCH);
        try {
            while (running) {
                batch.add(queue.take());
                queue.drainTo(batch, BATCH - 1);
                try (AbstractPipeline pipeline = redis.pipelined()) {
                    for (String message : batch) {
                        pipeline.publish(CHANNEL, message);
                    }
                    pipeline.sync();
                }
                published.add(batch.size());
                batch.clear();
            }
        } catch (InterruptedException e) {
            // closing
        }
    }

    /**
     * {@code STATS published=N received=N dropped=N}: received counts other nodes' messages only, as the module's
     * does.
     */
    String stats() {
        return "STATS published=" + published.sum() + " received=" + received.sum() + " dropped=" + dropped.sum();
    }

    @Override
    public void close() {
        running = false;
        publisherThread.interrupt();
        if (subscriber.isSubscribed()) {
            subscriber.unsubscribe();
        }
        redis.close();
    }

    private final class Subscriber extends JedisPubSub {
        @Override
        public void onMessage(String channel, String message) {
            if (!message.startsWith(prefix)) {
                received.increment();
                sessions.broadcastText(message.substring(message.indexOf('|') + 1));
            }
        }
    }
}
