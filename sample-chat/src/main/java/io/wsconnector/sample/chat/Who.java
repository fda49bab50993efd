package io.wsconnector.sample.chat;

import java.util.List;
import java.util.Objects;

import io.wsconnector.cluster.redis.RedisCluster;
import io.wsconnector.runtime.WebSocketRoom;

/**
 * The nicks of a room's members, sorted, for {@code /who}: this server's members, or with {@code --redis}
 * the members on every node of the chat (presence, read from Redis).
 */
@FunctionalInterface
interface Who {
    /** The session attribute that holds a member's nick, published to the other nodes. */
    String NICK = "nick";

    /**
     * @param room the room
     * @return the nicks of its members
     */
    List<String> nicks(WebSocketRoom room);

    /** The members connected to this server. */
    static Who local() {
        return room -> room.sessions().stream()
                .map(member -> member.<String>attribute(NICK))
                .filter(Objects::nonNull)
                .sorted()
                .toList();
    }

    /** The members connected to any node of the cluster. */
    static Who everywhere(RedisCluster cluster) {
        return room -> cluster.sessions(ChatRoom_WebSocketEndpoint.PATH, room.name()).stream()
                .map(member -> member.attributes().get(NICK))
                .filter(Objects::nonNull)
                .sorted()
                .toList();
    }
}
