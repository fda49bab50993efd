package io.wsconnector.runtime.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
import io.wsconnector.runtime.cluster.ClusterMessage;
import io.wsconnector.runtime.cluster.ClusterNode;
import io.wsconnector.runtime.cluster.MessageKind;
import io.wsconnector.runtime.cluster.Target;

/**
 * The open sessions of one endpoint and its rooms. Sessions are added by their connection just before
 * {@code onOpen} and removed just before {@code onClose}, which the connection delivers exactly once;
 * a removed session leaves every room it is in.
 *
 * <p>Every broadcast encodes its frame once per way of sending it ({@link BroadcastMessage}: uncompressed,
 * or compressed without context) and hands the same array to every recipient that sends it that way
 * ({@link #queue}). In a cluster ({@link ClusterLink}), a broadcast to everyone, or to everyone but one
 * session, goes through {@link #broadcast}, which also publishes it to the other nodes, and their messages
 * come in through {@link #deliver}; a broadcast with a filter stays here, as the filter sees only this
 * node's sessions. The sessions' arrivals and departures are told to the cluster too. The maps are
 * concurrent, so broadcasts, joins and closes may run at the same time on any threads.
 */
final class EndpointSessions implements WebSocketSessions {
    private final String path;
    private final ClusterLink cluster;
    private final ConcurrentHashMap<String, ConnectionSession> open = new ConcurrentHashMap<>();
    private final RoomMembers roomMembers = new RoomMembers();

    EndpointSessions(String path, ClusterLink cluster) {
        this.path = path;
        this.cluster = cluster;
    }

    /** The members of this endpoint's rooms, which its sessions join and leave. */
    RoomMembers roomMembers() {
        return roomMembers;
    }

    /** The server's cluster link, which the sessions tell their joins, leaves and attributes. */
    ClusterLink cluster() {
        return cluster;
    }

    void add(ConnectionSession session) {
        open.put(session.id(), session);
        ClusterNode node = cluster.node();
        if (node != null) {
            node.opened(session);
        }
    }

    /** The session's connection delivers its close: it is gone from the endpoint and all its rooms. */
    void remove(ConnectionSession session) {
        open.remove(session.id(), session);
        session.leaveAllRooms();
        ClusterNode node = cluster.node();
        if (node != null) {
            node.closed(session);
        }
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
    public boolean sendText(String sessionId, String text) {
        return sendTo(Objects.requireNonNull(sessionId, "sessionId"), MessageKind.TEXT, utf8(text));
    }

    @Override
    public boolean sendBinary(String sessionId, byte[] data) {
        // a copy: the caller may reuse the array, and the cluster publishes it later
        return sendTo(Objects.requireNonNull(sessionId, "sessionId"), MessageKind.BINARY,
                Objects.requireNonNull(data, "data").clone());
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
        return queue(open.values(), BroadcastMessage.text(text), null, Objects.requireNonNull(filter, "filter"));
    }

    @Override
    public int broadcastBinary(byte[] data, Predicate<? super WebSocketSession> filter) {
        return queue(open.values(), BroadcastMessage.binary(data), null, Objects.requireNonNull(filter, "filter"));
    }

    @Override
    public int broadcastBinary(ByteBuffer data, Predicate<? super WebSocketSession> filter) {
        return queue(open.values(), BroadcastMessage.binary(data), null, Objects.requireNonNull(filter, "filter"));
    }

    @Override
    public int broadcastText(String text, WebSocketSession except) {
        return broadcast(new Target.Endpoint(path), MessageKind.TEXT, utf8(text), false, except);
    }

    @Override
    public int broadcastBinary(byte[] data, WebSocketSession except) {
        return broadcast(new Target.Endpoint(path), MessageKind.BINARY, Objects.requireNonNull(data, "data"), true,
                except);
    }

    @Override
    public int broadcastBinary(ByteBuffer data, WebSocketSession except) {
        return broadcast(new Target.Endpoint(path), MessageKind.BINARY, bytes(data), false, except);
    }

    /**
     * A message from another node of the cluster: to this node's sessions it targets, less the excluded one.
     *
     * @return how many sessions it was queued for
     */
    int deliver(ClusterMessage message) {
        BroadcastMessage broadcast = message(message.kind(), message.payload());
        return switch (message.target()) {
            case Target.Endpoint endpoint -> queue(open.values(), broadcast, message.excludedSessionId(), null);
            case Target.Room room -> queue(roomMembers.of(room.room()), broadcast, message.excludedSessionId(), null);
            case Target.Session session -> {
                ConnectionSession recipient = open.get(session.sessionId());
                yield recipient != null && recipient.isOpen() && recipient.sendBroadcast(broadcast) ? 1 : 0;
            }
        };
    }

    @Override
    public String toString() {
        return "WebSocketSessions[" + path + ", " + open.size() + " open]";
    }

    /** To the session if it is here, otherwise through the cluster to the node its id names. */
    private boolean sendTo(String sessionId, MessageKind kind, byte[] payload) {
        ConnectionSession local = open.get(sessionId);
        if (local != null) {
            return local.isOpen() && local.sendBroadcast(message(kind, payload));
        }
        ClusterNode node = cluster.node();
        if (node == null || sessionId.startsWith(node.nodeId() + ClusterNode.SESSION_ID_SEPARATOR)) {
            return false; // no cluster, or a session of this node that is gone
        }
        node.publish(new ClusterMessage(new Target.Session(path, sessionId), kind, payload, null));
        return true;
    }

    /**
     * A broadcast to every session of the target but one: queued here, and published to the other nodes
     * when the server is in a cluster.
     *
     * @param payload      the message's bytes
     * @param callersArray whether the payload is the caller's array, which it may reuse once the call returns:
     *                     the cluster, which publishes later, gets a copy
     */
    private int broadcast(Target target, MessageKind kind, byte[] payload, boolean callersArray,
                          WebSocketSession except) {
        Collection<ConnectionSession> recipients = target instanceof Target.Room room ? roomMembers.of(room.room())
                : open.values();
        String excluded = except == null ? null : except.id();
        int count = queue(recipients, message(kind, payload), excluded, null);
        ClusterNode node = cluster.node();
        if (node != null) {
            node.publish(new ClusterMessage(target, kind, callersArray ? payload.clone() : payload, excluded));
        }
        return count;
    }

    /**
     * Hands one message to every open session that is not the excluded one and that the filter, if any,
     * accepts.
     *
     * @param message  the message, whose frames recipients share
     * @param excluded the id of the session that does not get it, or {@code null}
     * @param filter   which sessions get it, or {@code null} for all
     * @return how many sessions took it
     */
    private static int queue(Collection<ConnectionSession> recipients, BroadcastMessage message, String excluded,
                             Predicate<? super WebSocketSession> filter) {
        int count = 0;
        for (ConnectionSession session : recipients) {
            if (session.isOpen() && !session.id().equals(excluded) && (filter == null || filter.test(session))
                    && session.sendBroadcast(message)) {
                count++;
            }
        }
        return count;
    }

    private static BroadcastMessage message(MessageKind kind, byte[] payload) {
        return BroadcastMessage.of(kind == MessageKind.TEXT ? Opcode.TEXT : Opcode.BINARY, payload);
    }

    private static byte[] utf8(String text) {
        return Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8);
    }

    /** The remaining bytes of the buffer, in an array of their own; its position does not change. */
    private static byte[] bytes(ByteBuffer data) {
        ByteBuffer bytes = Objects.requireNonNull(data, "data").duplicate();
        byte[] payload = new byte[bytes.remaining()];
        bytes.get(payload);
        return payload;
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
            return queue(roomMembers.of(name), BroadcastMessage.text(text), null, Objects.requireNonNull(filter, "filter"));
        }

        @Override
        public int broadcastBinary(byte[] data, Predicate<? super WebSocketSession> filter) {
            return queue(roomMembers.of(name), BroadcastMessage.binary(data), null, Objects.requireNonNull(filter, "filter"));
        }

        @Override
        public int broadcastBinary(ByteBuffer data, Predicate<? super WebSocketSession> filter) {
            return queue(roomMembers.of(name), BroadcastMessage.binary(data), null, Objects.requireNonNull(filter, "filter"));
        }

        @Override
        public int broadcastText(String text, WebSocketSession except) {
            return broadcast(new Target.Room(path, name), MessageKind.TEXT, utf8(text), false, except);
        }

        @Override
        public int broadcastBinary(byte[] data, WebSocketSession except) {
            return broadcast(new Target.Room(path, name), MessageKind.BINARY, Objects.requireNonNull(data, "data"),
                    true, except);
        }

        @Override
        public int broadcastBinary(ByteBuffer data, WebSocketSession except) {
            return broadcast(new Target.Room(path, name), MessageKind.BINARY, bytes(data), false, except);
        }

        @Override
        public String toString() {
            return "WebSocketRoom[" + path + " " + name + ", " + count() + " members]";
        }
    }
}
