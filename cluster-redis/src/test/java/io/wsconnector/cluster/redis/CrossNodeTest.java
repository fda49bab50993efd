package io.wsconnector.cluster.redis;

import static io.wsconnector.cluster.redis.ClusterNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import redis.clients.jedis.Jedis;

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
             ChatClient onA = ChatClient.connect(nodes.server(0), "lobby", "ada");
             ChatClient onB = ChatClient.connect(nodes.server(1), "lobby", "bob");
             ChatClient onC = ChatClient.connect(nodes.server(2), "kitchen", "cy")) {
            await("three nodes on the endpoint's channel", () -> subscribers(redis, ENDPOINT_CHANNEL) == 3);

            for (int i = 0; i < 50; i++) {
                onA.send("all:" + i);
            }
            for (ChatClient client : List.of(onA, onB, onC)) {
                for (int i = 0; i < 50; i++) {
                    assertEquals(String.valueOf(i), client.next());
                }
            }
        }
    }

    @Test
    void aRoomBroadcastReachesTheRoomsMembersOnEveryNodeAndEveryoneButMeSkipsOnlyTheSender() throws Exception {
        try (ClusterNodes nodes = new ClusterNodes(redis.uri(), 2);
             ChatClient sender = ChatClient.connect(nodes.server(0), "lobby", "ada");
             ChatClient sameRoomHere = ChatClient.connect(nodes.server(0), "lobby", "al");
             ChatClient sameRoomThere = ChatClient.connect(nodes.server(1), "lobby", "bob");
             ChatClient otherRoomThere = ChatClient.connect(nodes.server(1), "kitchen", "cy")) {
            await("both nodes on the lobby's channel", () -> subscribers(redis, roomChannel("lobby")) == 2);

            sender.send("room:hello");
            sender.send("others:not for ada");
            sender.send("id"); // comes after the broadcasts: nothing else is on the way to the sender
            assertEquals("hello", sender.next());
            assertTrue(sender.next().startsWith("a-"), "a session id names its node");
            for (ChatClient member : List.of(sameRoomHere, sameRoomThere)) {
                assertEquals("hello", member.next());
                assertEquals("not for ada", member.next());
            }
            otherRoomThere.send("id"); // its reply comes first only if no room message came to it
            assertTrue(otherRoomThere.next().startsWith("b-"));
        }
    }

    @Test
    void aSendToASessionIdReachesTheSessionOnItsNode() throws Exception {
        try (ClusterNodes nodes = new ClusterNodes(redis.uri(), 2);
             ChatClient onA = ChatClient.connect(nodes.server(0), "lobby", "ada");
             ChatClient onB = ChatClient.connect(nodes.server(1), "kitchen", "bob")) {
            String idOnB = onB.id();
            onA.send("to:" + idOnB + ":psst");
            assertEquals("sent true", onA.next());
            assertEquals("psst", onB.next());
            onA.send("to:a-zzz:nobody");
            assertEquals("sent false", onA.next(), "a session of this node that is not open");
        }
    }

    @Test
    void presenceListsTheSessionsOfEveryNodeWithTheirPublishedAttributes() throws Exception {
        try (ClusterNodes nodes = new ClusterNodes(redis.uri(), 2);
             ChatClient ada = ChatClient.connect(nodes.server(0), "lobby", "ada");
             ChatClient bob = ChatClient.connect(nodes.server(1), "lobby", "bob");
             ChatClient cy = ChatClient.connect(nodes.server(1), "kitchen", "cy")) {
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
             ChatClient ada = ChatClient.connect(nodes.server(0), "lobby", "ada")) {
            RedisCluster fromA = nodes.cluster(0);
            await("a alone", () -> fromA.nodes().equals(Set.of("a")));
            var later = nodes.add(redis.uri(), "late", builder -> builder);
            try (ChatClient bob = ChatClient.connect(later, "lobby", "bob")) {
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
             ChatClient busy = ChatClient.connect(nodes.server(0), "room0", "ada");
             ChatClient quiet = ChatClient.connect(nodes.server(1), "room7", "bob")) {
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
                assertEquals("m" + message, quiet.next());
            }
            TimeUnit.MILLISECONDS.sleep(300); // anything else on its way would have arrived
            assertNull(quiet.received.poll());
            assertEquals(10, nodes.cluster(1).stats().received(), "1 % of the 1,000 messages: " + nodes.cluster(1).stats());
            assertEquals(1000, nodes.cluster(0).stats().published());
        }
    }

    private static Set<String> nicks(List<PresentSession> sessions) {
        return sessions.stream().map(session -> session.attributes().get("nick")).collect(Collectors.toCollection(TreeSet::new));
    }
}
