package io.wsconnector.runtime.protocol;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The members of each room of one endpoint, for broadcasts and counts: an index kept by the sessions'
 * {@link SessionRooms}, which alone add and remove members. A room exists while it has members. Safe for
 * any thread.
 */
final class RoomMembers {
    private final ConcurrentHashMap<String, Set<ConnectionSession>> rooms = new ConcurrentHashMap<>();

    void add(String room, ConnectionSession session) {
        // compute and computeIfPresent on one key take turns: a set is never dropped as empty while a
        // member is being added to it
        rooms.compute(room, (name, members) -> {
            Set<ConnectionSession> set = members != null ? members : ConcurrentHashMap.newKeySet();
            set.add(session);
            return set;
        });
    }

    void remove(String room, ConnectionSession session) {
        rooms.computeIfPresent(room, (name, members) -> {
            members.remove(session);
            return members.isEmpty() ? null : members;
        });
    }

    /** A live view of a room's members; empty if the room has none. */
    Collection<ConnectionSession> of(String room) {
        Set<ConnectionSession> members = rooms.get(room);
        return members == null ? List.of() : members;
    }

    /** The rooms that have members now. */
    Set<String> names() {
        return Set.copyOf(rooms.keySet());
    }
}
