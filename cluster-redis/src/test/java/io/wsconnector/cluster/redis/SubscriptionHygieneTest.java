package io.wsconnector.cluster.redis;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.testsupport.JdkClient;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

import static io.wsconnector.cluster.redis.ClusterNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A node subscribes to a room's channel while it has members there, and no longer: thousands of joins and
 * leaves across nodes, on one Redis and on a Redis Cluster (sharded channels), leave no subscription
 * behind.
 */
class SubscriptionHygieneTest {
    private static final int ROOMS = 500;

    @Test
    void twoThousandJoinsAndLeavesAcrossNodesLeaveNoChannelBehind() throws Exception {
        try (RedisProcess redis = RedisProcess.start();
             ClusterNodes nodes = new ClusterNodes(redis.uri(), 2)) {
            churn(nodes, () -> channels(List.of(redis), "PUBSUB", "CHANNELS"));
        }
    }

    @Test
    void onARedisClusterRoomsAreShardedChannelsSpreadOverTheMastersAndNoneIsLeftBehind() throws Exception {
        try (RedisClusterProcesses redis = new RedisClusterProcesses();
             ClusterNodes nodes = new ClusterNodes(redis.uri(), 2)) {
            churn(nodes, () -> channels(redis.masters(), "PUBSUB", "SHARDCHANNELS"));
            for (RedisProcess master : redis.masters()) {
                try (Jedis jedis = master.client()) {
                    // nothing went over classic pub/sub, which a Redis Cluster broadcasts to every node
                    assertEquals(List.of(), jedis.sendCommand(Protocol.Command.PUBSUB, "CHANNELS"));
                }
            }
        }
    }

    /** Joins and leaves {@value #ROOMS} rooms on both nodes, checking the channels at the peak and at the end. */
    private static void churn(ClusterNodes nodes, ChannelLister channels) throws Exception {
        Set<String> nodeChannels = Set.of("wsc:n:a", "wsc:n:b");
        try (JdkClient onA = ClusterNodes.client(nodes.server(0), "lobby", "ada");
             JdkClient onB = ClusterNodes.client(nodes.server(1), "lobby", "bob")) {
            WebSocketSession ada = only(nodes, 0);
            WebSocketSession bob = only(nodes, 1);
            Set<String> base = new HashSet<>(nodeChannels);
            base.add(CrossNodeTest.ENDPOINT_CHANNEL);
            base.add(CrossNodeTest.roomChannel("lobby"));
            await("the endpoint and lobby channels", () -> channels.list().equals(base));

            Set<String> peak = new HashSet<>(base);
            for (int i = 0; i < ROOMS; i++) {
                ada.join("r" + i);
                bob.join("r" + (ROOMS - 1 - i));
                peak.add(CrossNodeTest.roomChannel("r" + i));
            }
            await("a channel per room", () -> channels.list().equals(peak));
            onB.send("others:still works"); // a room message crosses nodes at the peak too
            assertEquals("still works", onA.awaitText());

            for (int i = 0; i < ROOMS; i++) {
                bob.leave("r" + i);
                ada.leave("r" + (ROOMS - 1 - i));
            }
            await("back to the endpoint and lobby channels", () -> channels.list().equals(base));
        }
        await("only the nodes' own channels once the sessions closed", () -> channels.list().equals(nodeChannels));
    }

    private static WebSocketSession only(ClusterNodes nodes, int index) throws InterruptedException {
        await("one session", () -> nodes.server(index).sessions(ClusterNodes.PATH).count() == 1);
        return nodes.server(index).sessions(ClusterNodes.PATH).sessions().get(0);
    }

    @SuppressWarnings("unchecked")
    private static Set<String> channels(List<RedisProcess> servers, String... command) {
        Set<String> channels = new HashSet<>();
        for (RedisProcess server : servers) {
            try (Jedis jedis = server.client()) {
                for (Object channel : (List<Object>) jedis.sendCommand(Protocol.Command.PUBSUB,
                        List.of(command).subList(1, command.length).toArray(String[]::new))) {
                    channels.add(new String((byte[]) channel));
                }
            }
        }
        return channels;
    }

    @FunctionalInterface
    private interface ChannelLister {
        Set<String> list();
    }
}
