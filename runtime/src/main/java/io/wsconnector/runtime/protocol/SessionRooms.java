package io.wsconnector.runtime.protocol;

import java.util.HashSet;
import java.util.Set;

import io.wsconnector.runtime.cluster.ClusterNode;

/**
 * The rooms one session is in: the one place where room membership changes. A join or a leave updates
 * both this session's rooms and its endpoint's {@link RoomMembers}, under this object's monitor, so
 * {@link #leaveAll()} sees every room joined before it, and no room is joined after it; in a cluster, the
 * node hears of each join and leave under the same monitor, so in order. Created by the
 * session's first join: most sessions never join a room.
 */
final class SessionRooms {
    /** For a session that leaves its endpoint without having joined a room: it can join none. */
    static final SessionRooms LEFT = new SessionRooms(null, null);

    private final RoomMembers members;
    private final ConnectionSession session;
    private final Set<String> rooms = new HashSet<>(4);
    private boolean left;

    /**
     * @param members the endpoint's room index
     * @param session the session
     */
    SessionRooms(RoomMembers members, ConnectionSession session) {
        this.members = members;
        this.session = session;
        this.left = members == null;
    }

    /** @return {@code true} if the session joined, {@code false} if it was in the room already or has left */
    synchronized boolean join(String room) {
        if (left || !rooms.add(room)) {
            return false;
        }
        members.add(room, session);
        ClusterNode node = session.clusterNode();
        if (node != null) {
            node.joined(session, room);
        }
        return true;
    }

    /** @return {@code true} if the session was in the room */
    synchronized boolean leave(String room) {
        if (!rooms.remove(room)) {
            return false;
        }
        members.remove(room, session);
        ClusterNode node = session.clusterNode();
        if (node != null) {
            node.left(session, room);
        }
        return true;
    }

    /** A snapshot of the rooms' names. */
    synchronized Set<String> names() {
        return Set.copyOf(rooms);
    }

    /** The session leaves its endpoint: it leaves every room, and can join none from now on. */
    synchronized void leaveAll() {
        left = true;
        for (String room : rooms) {
            members.remove(room, session);
        }
        rooms.clear();
    }
}
