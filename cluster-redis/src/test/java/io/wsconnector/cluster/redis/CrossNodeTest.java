package io.wsconnector.cluster.redis;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.wsconnector.testsupport.JdkClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import static io.wsconnector.cluster.redis.ClusterNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Broadcasts, rooms, sends to an id and presence across three nodes, over real sockets and a real Redis. */
class CrossNodeTest {
    static final String ENDPOINT_CHANNEL = "wsc:e:/chat/%7Broom%7D";

    private static RedisProcess redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    static long subscribers(RedisProcess redis, String channel) {
        try (Jedis jedis = redis.client()) {
            return jedis.pubsubNumSub(channel).get(channel);
        }
    }

    static String roomChannel(String room) {
        return "wsc:r:/chat/%7Broom%7D:" + room;
    }

    @Test
    void anEndpointBroadcastOnOneNodeReachesTheSessionsOfEveryNodeInOrder() throws Exception {
        try (ClusterNodes nodes = new ClusterNodes(redis.uri(), 3);
             JdkClient onA = ClusterNodes.client(nodes.server(0), "lobby", "ada");
             JdkClient onB = ClusterNodes.client(nodes.server(1), "lobby", "bob");
             JdkClient onC = ClusterNodes.client(nodes.server(2), "kitchen", "cy")) {
            await("three nodes on the endpoint's channel", () -> subscribers(redis, ENDPOINT_CHANNEL) == 3);

            for (int i = 0; i < 50; i++) {
                onA.send("all:" + i);
            }
            for (JdkClient client : List.of(onA, onB, onC)) {
                for (int i = 0; i < 50; i++) {
                    assertEquals(String.valueOf(i), client.awaitText());
                }
            }
        }
    }

    @Test
    void aRoomBroadcastReachesTheRoomsMembersOnEveryNodeAndEveryoneButMeSkipsOnlyTheSender() throws Exception {
        try (ClusterNodes nodes = new ClusterNodes(redis.uri(), 2);
             JdkClient sender = ClusterNodes.client(nodes.server(0), "lobby", "ada");
             JdkClient sameRoomHere = ClusterNodes.client(nodes.server(0), "lobby", "al");
             JdkClient sameRoomThere = ClusterNodes.client(nodes.server(1), "lobby", "bob");
             JdkClient otherRoomThere = ClusterNodes.client(nodes.server(1), "kitchen", "cy")) {
            await("both nodes on the lobby's channel", () -> subscribers(redis, roomChannel("lobby")) == 2);

            sender.send("room:hello");
            sender.send("others:not for ada");
            sender.send("id"); // comes after the broadcasts: nothing else is on the way to the sender
            assertEquals("hello", sender.awaitText());
            assertTrue(sender.awaitText().startsWith("a-"), "a session id names its node");
            for (JdkClient member : List.of(sameRoomHere, sameRoomThere)) {
                assertEquals("hello", member.awaitText());
                assertEquals("not for ada", member.awaitText());
            }
            otherRoomThere.send("id"); // its reply comes first only if no room message came to it
            assertTrue(otherRoomThere.awaitText().startsWith("b-"));
        }
    }

    @Test
    void aSendToASessionIdReachesTheSessionOnItsNode() throws Exception {
        try (ClusterNodes nodes = new ClusterNodes(redis.uri(), 2);
             JdkClient onA = ClusterNodes.client(nodes.server(0), "lobby", "ada");
             JdkClient onB = ClusterNodes.client(nodes.server(1), "kitchen", "bob")) {
            String idOnB = ClusterNodes.id(onB);
            onA.send("to:" + idOnB + ":psst");
            assertEquals("sent true", onA.awaitText());
            assertEquals("psst", onB.awaitText());
            onA.send("to:a-zzz:nobody");
            assertEquals("sent false", onA.awaitText(), "a session of this node that is not open");
        }
    }

    @Test
    void presenceListsTheSessionsOfEveryNodeWithTheirPublishedAttributes() throws Exception {
        try (ClusterNodes nodes = new ClusterNodes(redis.uri(), 2);
             JdkClient ada = ClusterNodes.client(nodes.server(0), "lobby", "ada");
             JdkClient bob = ClusterNodes.client(nodes.server(1), "lobby", "bob");
             JdkClient cy = ClusterNodes.client(nodes.server(1), "kitchen", "cy")) {
            RedisCluster fromA = nodes.cluster(0);
            await("three sessions in presence", () -> fromA.sessions(ClusterNodes.PATH).size() == 3);

            assertEquals(Set.of("ada", "bob"), nicks(fromA.sessions(ClusterNodes.PATH, "lobby")));
            assertEquals(Set.of("cy"), nicks(nodes.cluster(1).sessions(ClusterNodes.PATH, "kitchen")));
            PresentSession bobSeenFromA = fromA.sessions(ClusterNodes.PATH, "lobby").stream()
                    .filter(session -> session.attributes().get("nick").equals("bob")).findFirst().orElseThrow();
            assertEquals("b", bobSeenFromA.nodeId());
            assertEquals(Set.of("lobby"), bobSeenFromA.rooms());
            assertEquals(Set.of("a", "b"), fromA.nodes());

            bob.send("join:kitchen");
            await("bob in the kitchen too", () -> nicks(fromA.sessions(ClusterNodes.PATH, "kitchen")).contains("bob"));
            cy.close();
            await("cy gone", () -> nicks(fromA.sessions(ClusterNodes.PATH)).equals(Set.of("ada", "bob")));
        }
    }

    @Test
    void aNodeThatJoinsLaterIsInPresenceAndOneThatStopsIsGoneAtOnce() throws Exception {
        try (ClusterNodes nodes = new ClusterNodes(redis.uri(), 1);
             JdkClient ada = ClusterNodes.client(nodes.server(0), "lobby", "ada")) {
            RedisCluster fromA = nodes.cluster(0);
            await("a alone", () -> fromA.nodes().equals(Set.of("a")));
            var later = nodes.add(redis.uri(), "late", builder -> builder);
            try (JdkClient bob = ClusterNodes.client(later, "lobby", "bob")) {
                await("the late node's session", () -> nicks(fromA.sessions(ClusterNodes.PATH)).equals(Set.of("ada", "bob")));
            }
            later.stop();
            assertEquals(Set.of("a"), fromA.nodes(), "a node that stops removes its presence as it leaves");
            assertEquals(Set.of("ada"), nicks(fromA.sessions(ClusterNodes.PATH)));
        }
    }

    @Test
    void aNodeReceivesOnlyTheRoomsItHasMembersIn() throws Exception {
        try (ClusterNodes nodes = new ClusterNodes(redis.uri(), 2);
             JdkClient busy = ClusterNodes.client(nodes.server(0), "room0", "ada");
             JdkClient quiet = ClusterNodes.client(nodes.server(1), "room7", "bob")) {
            for (int i = 1; i < 100; i++) {
                busy.send("join:room" + i);
            }
            await("b on room7's channel", () -> subscribers(redis, roomChannel("room7")) == 2);
            await("a on room99's channel", () -> subscribers(redis, roomChannel("room99")) == 1);
            var rooms = nodes.server(0).sessions(ClusterNodes.PATH);
            for (int message = 0; message < 10; message++) {
                for (int room = 0; room < 100; room++) {
                    rooms.room("room" + room).broadcastText("m" + message);
                }
            }
            for (int message = 0; message < 10; message++) {
                assertEquals("m" + message, quiet.awaitText());
            }
            TimeUnit.MILLISECONDS.sleep(300); // anything else on its way would have arrived
            quiet.assertNothingPending();
            assertEquals(10, nodes.cluster(1).stats().received(), "1 % of the 1,000 messages: " + nodes.cluster(1).stats());
            assertEquals(1000, nodes.cluster(0).stats().published());
        }
    }

    private static Set<String> nicks(List<PresentSession> sessions) {
        return sessions.stream().map(session -> session.attributes().get("nick")).collect(Collectors.toCollection(TreeSet::new));
    }
}
