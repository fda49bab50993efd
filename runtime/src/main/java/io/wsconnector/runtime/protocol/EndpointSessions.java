package io.wsconnector.runtime.protocol;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import io.wsconnector.runtime.WebSocketRoom;
import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.runtime.WebSocketSessions;

/**
 * The open sessions of one endpoint and its rooms. Sessions are added by their connection just before
 * {@code onOpen} and removed just before {@code onClose}, which the connection delivers exactly once;
 * a removed session leaves every room it is in.
 *
 * <p>Every broadcast, to the endpoint or to a room, goes through {@link #broadcast}: it encodes the frame
 * once per way of sending it ({@link BroadcastMessage}: uncompressed, or compressed without context) and
 * hands the same array to every recipient that sends it that way. That method is the one place where
 * broadcasts could also be relayed to other nodes of a cluster. The maps are concurrent, so broadcasts,
 * joins and closes may run at the same time on any threads.
 */
final class EndpointSessions implements WebSocketSessions {
    private final String path;
    private final ConcurrentHashMap<String, ConnectionSession> open = new ConcurrentHashMap<>();
    private final RoomMembers roomMembers = new RoomMembers();

    EndpointSessions(String path) {
        this.path = path;
    }

    /** The members of this endpoint's rooms, which its sessions join and leave. */
    RoomMembers roomMembers() {
        return roomMembers;
    }

    void add(ConnectionSession session) {
        open.put(session.id(), session);
    }

    /** The session's connection delivers its close: it is gone from the endpoint and all its rooms. */
    void remove(ConnectionSession session) {
        open.remove(session.id(), session);
        session.leaveAllRooms();
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public int count() {
        return open.size();
    }

    @Override
    public List<WebSocketSession> sessions() {
        return List.copyOf(open.values());
    }

    @Override
    public Optional<WebSocketSession> find(String id) {
        return Optional.ofNullable(open.get(Objects.requireNonNull(id, "id")));
    }

    @Override
    public WebSocketRoom room(String name) {
        return new Room(Objects.requireNonNull(name, "name"));
    }

    @Override
    public Set<String> rooms() {
        return roomMembers.names();
    }

    @Override
    public int broadcastText(String text, Predicate<? super WebSocketSession> filter) {
        return broadcast(null, BroadcastMessage.text(text), filter);
    }

    @Override
    public int broadcastBinary(byte[] data, Predicate<? super WebSocketSession> filter) {
        return broadcast(null, BroadcastMessage.binary(data), filter);
    }

    @Override
    public int broadcastBinary(ByteBuffer data, Predicate<? super WebSocketSession> filter) {
        return broadcast(null, BroadcastMessage.binary(data), filter);
    }

    @Override
    public String toString() {
        return "WebSocketSessions[" + path + ", " + open.size() + " open]";
    }

    /**
     * Hands one message to every open session of the endpoint, or of one of its rooms, that the filter
     * accepts.
     *
     * @param room    the room; {@code null} for every open session of the endpoint
     * @param message the message, whose frames recipients share
     * @return how many sessions took it
     */
    private int broadcast(String room, BroadcastMessage message, Predicate<? super WebSocketSession> filter) {
        Objects.requireNonNull(filter, "filter");
        Collection<ConnectionSession> recipients = room == null ? open.values() : roomMembers.of(room);
        int count = 0;
        for (ConnectionSession session : recipients) {
            if (session.isOpen() && filter.test(session) && session.sendBroadcast(message)) {
                count++;
            }
        }
        return count;
    }

    /** A live view of one room's members. */
    private final class Room implements WebSocketRoom {
        private final String name;

        Room(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int count() {
            return roomMembers.of(name).size();
        }

        @Override
        public List<WebSocketSession> sessions() {
            return new ArrayList<>(roomMembers.of(name));
        }

        @Override
        public int broadcastText(String text, Predicate<? super WebSocketSession> filter) {
            return broadcast(name, BroadcastMessage.text(text), filter);
        }

        @Override
        public int broadcastBinary(byte[] data, Predicate<? super WebSocketSession> filter) {
            return broadcast(name, BroadcastMessage.binary(data), filter);
        }

        @Override
        public int broadcastBinary(ByteBuffer data, Predicate<? super WebSocketSession> filter) {
            return broadcast(name, BroadcastMessage.binary(data), filter);
        }

        @Override
        public String toString() {
            return "WebSocketRoom[" + path + " " + name + ", " + count() + " members]";
        }
    }
}
