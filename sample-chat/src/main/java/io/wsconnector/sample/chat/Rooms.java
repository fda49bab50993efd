package io.wsconnector.sample.chat;

import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.wsconnector.runtime.WebSocketSession;

/**
 * What all connections of the chat share: who is in which room. One instance serves every
 * {@link ChatRoom}; {@link ChatServer} hands it to each of them. Safe to use from any thread.
 */
public final class Rooms {
    private final ConcurrentHashMap<String, Set<WebSocketSession>> members = new ConcurrentHashMap<>();
    private final AtomicInteger guests = new AtomicInteger();

    /**
     * Adds a session to a room, creating the room if it is new.
     *
     * @param room    the room's name
     * @param session the session joining it
     */
    public void join(String room, WebSocketSession session) {
        // add inside compute(): a concurrent leave() cannot drop the set between its creation and the add
        members.compute(room, (name, sessions) -> {
            Set<WebSocketSession> joined = sessions != null ? sessions : ConcurrentHashMap.newKeySet();
            joined.add(session);
            return joined;
        });
    }

    /**
     * Removes a session from a room; the last one to leave removes the room.
     *
     * @param room    the room's name
     * @param session the session leaving it
     */
    public void leave(String room, WebSocketSession session) {
        members.computeIfPresent(room, (name, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
    }

    /**
     * The sessions in a room now.
     *
     * @param room the room's name
     * @return a live, read-only view; empty if nobody is in the room
     */
    public Set<WebSocketSession> members(String room) {
        return Collections.unmodifiableSet(members.getOrDefault(room, Set.of()));
    }

    /**
     * Sends a text message to everyone in a room, the sender included.
     *
     * @param room the room's name
     * @param text the message
     */
    public void broadcast(String room, String text) {
        for (WebSocketSession member : members(room)) {
            // A member may have closed since the loop began. sendTextAsync does not throw for a closed
            // session (sendText would throw IllegalStateException): its stage fails, and nobody minds.
            member.sendTextAsync(text);
        }
    }

    /**
     * A number for the nickname of a client that did not choose one: 1, 2, 3...
     *
     * @return the next number
     */
    public int nextGuestNumber() {
        return guests.incrementAndGet();
    }
}
