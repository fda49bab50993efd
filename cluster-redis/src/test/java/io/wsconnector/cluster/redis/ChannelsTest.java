package io.wsconnector.cluster.redis;

import java.util.HashSet;
import java.util.Set;

import io.wsconnector.runtime.cluster.Target;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class ChannelsTest {
    private final Channels channels = new Channels("wsc");

    @Test
    void eachTargetHasItsOwnChannel() {
        assertEquals("wsc:e:/chat/%7Broom%7D", channels.of(new Target.Endpoint("/chat/{room}")));
        assertEquals("wsc:r:/chat/%7Broom%7D:lobby", channels.of(new Target.Room("/chat/{room}", "lobby")));
        assertEquals("wsc:n:a1", channels.node("a1"));
    }

    @Test
    void aColonInANameCannotMakeTwoTargetsShareAChannel() {
        assertNotEquals(channels.of(new Target.Room("/a", "b:c")), channels.of(new Target.Room("/a:b", "c")));
        assertNotEquals(channels.of(new Target.Room("/a", "%3A")), channels.of(new Target.Room("/a", ":")));
    }

    @Test
    void theRoomsOfATemplatedEndpointSpreadOverTheHashSlotsRatherThanShareABraceHashTag() {
        Set<Integer> slots = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            slots.add(JedisClusterCRC16.getSlot(channels.of(new Target.Room("/chat/{room}", "room" + i))));
        }
        assertEquals(20, slots.size());
    }

    @Test
    void escapedNamesComeBackUnchanged() {
        for (String name : new String[] {"plain", "a:b", "{x}", "100%", "%3A", "tab\tnew\nline=eq"}) {
            assertEquals(name, Escaping.unescape(Escaping.escape(name, ":{}\t\n=")));
        }
    }
}
