package io.wsconnector.cluster.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.wsconnector.runtime.cluster.ClusterMessage;
import io.wsconnector.runtime.cluster.ClusterNode;
import io.wsconnector.runtime.cluster.LocalSessions;
import io.wsconnector.runtime.cluster.MessageKind;
import io.wsconnector.runtime.cluster.Target;
import io.wsconnector.testsupport.Await;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The module alone, between two nodes, through a real Redis: messages to a session id of the other node. */
class NodeInboxTest {

    /** What the runtime would deliver, kept for the test to take. */
    private static final class Delivered implements LocalSessions {
        final LinkedBlockingQueue<ClusterMessage> messages = new LinkedBlockingQueue<>();
        /** The last message's text as a number, for the tests that send numbers. */
        volatile int last;

        @Override
        public int deliver(ClusterMessage message) {
            messages.add(message);
            String text = new String(message.payload(), StandardCharsets.UTF_8);
            if (text.chars().allMatch(Character::isDigit)) {
                last = Integer.parseInt(text);
            }
            return 1;
        }

        String next() throws InterruptedException {
            ClusterMessage message = messages.poll(10, TimeUnit.SECONDS);
            assertNotNull(message, "no message within 10 s");
            return new String(message.payload(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aMessageToASessionIdReachesItsNodeOnAStandaloneRedis() throws Exception {
        try (RedisProcess redis = RedisProcess.start()) {
            exchange(redis.uri(), false);
        }
    }

    @Test
    void aMessageToASessionIdReachesItsNodeOnARedisClusterThroughShardedPubSub() throws Exception {
        try (RedisClusterProcesses redis = new RedisClusterProcesses()) {
            exchange(redis.uri(), true);
        }
    }

    @Test
    void afterRedisWasDownFiveSecondsTheStreamResumesByItselfAndTheLossesCountedAreThoseMissed() throws Exception {
        try (RedisProcess redis = RedisProcess.start()) {
            Delivered toB = new Delivered();
            try (RedisCluster a = RedisCluster.builder(redis.uri()).nodeId("a").connect();
                 RedisCluster b = RedisCluster.builder(redis.uri()).nodeId("b").connect()) {
                ClusterNode nodeA = a.join(new Delivered());
                b.join(toB);
                awaitSubscribed(b);
                int sent = 0;
                for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(1); System.nanoTime() < end; Thread.sleep(5)) {
                    nodeA.publish(text(new Target.Session("/p", "b-1"), String.valueOf(++sent)));
                }
                redis.stop();
                for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5); System.nanoTime() < end; Thread.sleep(5)) {
                    nodeA.publish(text(new Target.Session("/p", "b-1"), String.valueOf(++sent)));
                }
                redis.restart();
                int sentAtRestart = sent;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                while (toB.last < sentAtRestart + 100) {
                    assertTrue(System.nanoTime() < deadline, "the stream did not resume within 15 s of Redis being back");
                    nodeA.publish(text(new Target.Session("/p", "b-1"), String.valueOf(++sent)));
                    Thread.sleep(5);
                }
                while (toB.last < sent) { // every message missed before the last one is seen as a hole
                    assertTrue(System.nanoTime() < deadline, "the last message never came");
                    Thread.sleep(5);
                }
                RedisClusterStats stats = b.stats();
                assertTrue(stats.lost() > 0, "nothing lost during a 5 s outage: " + stats);
                assertEquals(sent - toB.messages.size(), stats.lost(), "lost = sent - received; " + stats + ", sent " + sent);
                assertEquals(toB.messages.size(), stats.received(), stats.toString());
                assertTrue(a.stats().droppedWhileDisconnected() > 0, a.stats().toString());
                assertEquals(1, stats.reconnects(), stats.toString());
            }
        }
    }

    @Test
    void anUnreachableRedisIsAClearErrorAtConnectNotAHang() {
        long start = System.nanoTime();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RedisCluster.builder("redis://127.0.0.1:1").timeout(Duration.ofMillis(500)).connect());
        assertTrue(e.getMessage().startsWith("Cannot reach Redis at redis://127.0.0.1:1"), e.getMessage());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
    }

    private static void exchange(String uri, boolean sharded) throws Exception {
        Delivered toA = new Delivered();
        Delivered toB = new Delivered();
        try (RedisCluster a = RedisCluster.builder(uri).nodeId("a").connect();
             RedisCluster b = RedisCluster.builder(uri).nodeId("b").connect()) {
            assertEquals(sharded, a.sharded());
            ClusterNode nodeA = a.join(toA);
            ClusterNode nodeB = b.join(toB);
            awaitSubscribed(a);
            awaitSubscribed(b);
            for (int i = 0; i < 100; i++) {
                nodeA.publish(text(new Target.Session("/p", "b-" + i), "to b " + i));
            }
            nodeB.publish(text(new Target.Session("/p", "a-1"), "to a"));
            for (int i = 0; i < 100; i++) {
                assertEquals("to b " + i, toB.next());
            }
            assertEquals("to a", toA.next());
            assertEquals(100, b.stats().received());
            assertEquals(0, b.stats().lost());
        }
    }

    private static void awaitSubscribed(RedisCluster cluster) throws InterruptedException {
        Await.until("the node's own channel subscribed", Await.TIMEOUT, () -> cluster.stats().subscriptions() >= 1);
    }

    private static ClusterMessage text(Target target, String text) {
        return new ClusterMessage(target, MessageKind.TEXT, text.getBytes(StandardCharsets.UTF_8), null);
    }
}
