package io.wsconnector.runtime;

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

import io.wsconnector.runtime.cluster.ClusterMessage;
import io.wsconnector.runtime.cluster.ClusterNode;
import io.wsconnector.runtime.cluster.MessageKind;
import io.wsconnector.runtime.cluster.Target;

/**
 * The open sessions of one endpoint and its rooms. Sessions are added by their connection just before
 * {@code onOpen} and removed just before {@code onClose}, which the connection delivers exactly once;
 * a removed session leaves every room it is in.
 *
 * <p>A broadcast encodes its frame once ({@link ConnectionSession#encodeFrame}) and hands the same array
 * to every recipient's queue; the maps are concurrent, so broadcasts, joins and closes may run at the
 * same time on any threads. In a cluster, every broadcast without a filter goes through {@link #broadcast},
 * which also publishes it to the other nodes, and every message from them through {@link #deliver}; the
 * sessions' arrivals, joins, leaves and departures are told to the cluster too.
 */
final class EndpointSessions implements WebSocketSessions {
    private final String path;
    private final ClusterLink cluster;
    private final ConcurrentHashMap<String, ConnectionSession> open = new ConcurrentHashMap<>();
    /** Members by room; a room is removed when its last member leaves. */
    private final ConcurrentHashMap<String, Set<ConnectionSession>> rooms = new ConcurrentHashMap<>();

    EndpointSessions(String path, ClusterLink cluster) {
        this.path = path;
        this.cluster = cluster;
    }

    /** The server's cluster link, for the sessions to tell the cluster their joins and attributes. */
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
        for (String room : session.leaveAllRooms()) {
            removeMember(room, session);
        }
        ClusterNode node = cluster.node();
        if (node != null) {
            node.closed(session);
        }
    }

    /** Adds the session to the room's members (the session has recorded the room already). */
    void addMember(String room, ConnectionSession session) {
        // compute and computeIfPresent on one key take turns: a set is never dropped as empty while
        // a member is being added to it
        rooms.compute(room, (name, members) -> {
            Set<ConnectionSession> set = members != null ? members : ConcurrentHashMap.newKeySet();
            set.add(session);
            return set;
        });
    }

    void removeMember(String room, ConnectionSession session) {
        rooms.computeIfPresent(room, (name, members) -> {
            members.remove(session);
            return members.isEmpty() ? null : members;
        });
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
        byte[] payload = Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8);
        return sendTo(Objects.requireNonNull(sessionId, "sessionId"), MessageKind.TEXT, payload);
    }

    @Override
    public boolean sendBinary(String sessionId, byte[] data) {
        // a copy: the caller may reuse the array, while the cluster publishes it later
        return sendTo(Objects.requireNonNull(sessionId, "sessionId"), MessageKind.BINARY,
                Objects.requireNonNull(data, "data").clone());
    }

    /** To the session here if it is here, otherwise to its node through the cluster. */
    private boolean sendTo(String sessionId, MessageKind kind, byte[] payload) {
        ConnectionSession local = open.get(sessionId);
        if (local != null) {
            return local.isOpen() && local.sendFrame(frame(kind, payload));
        }
        ClusterNode node = cluster.node();
        if (node == null || sessionId.startsWith(node.nodeId() + ClusterNode.SESSION_ID_SEPARATOR)) {
            return false; // no cluster, or a session of this node that is gone
        }
        node.publish(new ClusterMessage(new Target.Session(path, sessionId), kind, payload, null));
        return true;
    }

    /**
     * A message from another node of the cluster: to this node's sessions it targets, less the excluded one.
     *
     * @return how many sessions it was queued for
     */
    int deliver(ClusterMessage message) {
        byte[] frame = frame(message.kind(), message.payload());
        String excluded = message.excludedSessionId();
        return switch (message.target()) {
            case Target.Endpoint endpoint -> queue(open.values(), frame, excluded, session -> true);
            case Target.Room room -> queue(members(room.room()), frame, excluded, session -> true);
            case Target.Session target -> {
                ConnectionSession session = open.get(target.sessionId());
                yield session != null && session.isOpen() && session.sendFrame(frame) ? 1 : 0;
            }
        };
    }

    @Override
    public WebSocketRoom room(String name) {
        return new Room(Objects.requireNonNull(name, "name"));
    }

    @Override
    public Set<String> rooms() {
        return Set.copyOf(rooms.keySet());
    }

    @Override
    public int broadcastText(String text, Predicate<? super WebSocketSession> filter) {
        return queue(open.values(), frame(MessageKind.TEXT, utf8(text)), null, filter);
    }

    @Override
    public int broadcastBinary(byte[] data, Predicate<? super WebSocketSession> filter) {
        return queue(open.values(), frame(MessageKind.BINARY, Objects.requireNonNull(data, "data")), null, filter);
    }

    @Override
    public int broadcastBinary(ByteBuffer data, Predicate<? super WebSocketSession> filter) {
        return queue(open.values(), frame(MessageKind.BINARY, bytes(data)), null, filter);
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

    @Override
    public String toString() {
        return "WebSocketSessions[" + path + ", " + open.size() + " open]";
    }

    private static byte[] utf8(String text) {
        return Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer data) {
        ByteBuffer bytes = Objects.requireNonNull(data, "data").duplicate();
        byte[] payload = new byte[bytes.remaining()];
        bytes.get(payload);
        return payload;
    }

    private static byte[] frame(MessageKind kind, byte[] payload) {
        int opcode = kind == MessageKind.TEXT ? ConnectionSession.OPCODE_TEXT : ConnectionSession.OPCODE_BINARY;
        return ConnectionSession.encodeFrame(opcode, payload, 0, payload.length);
    }

    private Collection<ConnectionSession> members(String room) {
        Set<ConnectionSession> members = rooms.get(room);
        return members == null ? List.of() : members;
    }

    /**
     * A broadcast to every session of the target but one: queued here, and published to the other nodes
     * when the server is in a cluster.
     *
     * @param payload     the message's bytes
     * @param callersArray whether the payload is the caller's array, which it may reuse: the cluster, which
     *                    publishes later, gets a copy
     */
    private int broadcast(Target target, MessageKind kind, byte[] payload, boolean callersArray,
                          WebSocketSession except) {
        Collection<ConnectionSession> recipients = target instanceof Target.Room room ? members(room.room())
                : open.values();
        String excluded = except == null ? null : except.id();
        int count = queue(recipients, frame(kind, payload), excluded, session -> true);
        ClusterNode node = cluster.node();
        if (node != null) {
            node.publish(new ClusterMessage(target, kind, callersArray ? payload.clone() : payload, excluded));
        }
        return count;
    }

    /** Queues the one encoded frame for every open session the filter accepts, but the excluded one. */
    private static int queue(Collection<ConnectionSession> sessions, byte[] frame, String excluded,
                             Predicate<? super WebSocketSession> filter) {
        Objects.requireNonNull(filter, "filter");
        int recipients = 0;
        for (ConnectionSession session : sessions) {
            if (session.isOpen() && !session.id().equals(excluded) && filter.test(session) && session.sendFrame(frame)) {
                recipients++;
            }
        }
        return recipients;
    }

    /** A live view of one room's members. */
    private final class Room implements WebSocketRoom {
        private final String name;

        Room(String name) {
            this.name = name;
        }

        private Collection<ConnectionSession> members() {
            return EndpointSessions.this.members(name);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int count() {
            return members().size();
        }

        @Override
        public List<WebSocketSession> sessions() {
            return new ArrayList<>(members());
        }

        @Override
        public int broadcastText(String text, Predicate<? super WebSocketSession> filter) {
            return queue(members(), frame(MessageKind.TEXT, utf8(text)), null, filter);
        }

        @Override
        public int broadcastBinary(byte[] data, Predicate<? super WebSocketSession> filter) {
            return queue(members(), frame(MessageKind.BINARY, Objects.requireNonNull(data, "data")), null, filter);
        }

        @Override
        public int broadcastBinary(ByteBuffer data, Predicate<? super WebSocketSession> filter) {
            return queue(members(), frame(MessageKind.BINARY, bytes(data)), null, filter);
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
