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

/**
 * The open sessions of one endpoint and its rooms. Sessions are added by their connection just before
 * {@code onOpen} and removed just before {@code onClose}, which the connection delivers exactly once;
 * a removed session leaves every room it is in.
 *
 * <p>A broadcast encodes its frame once ({@link ConnectionSession#encodeFrame}) and hands the same array
 * to every recipient's queue; the maps are concurrent, so broadcasts, joins and closes may run at the
 * same time on any threads.
 */
final class EndpointSessions implements WebSocketSessions {
    private final String path;
    private final ConcurrentHashMap<String, ConnectionSession> open = new ConcurrentHashMap<>();
    /** Members by room; a room is removed when its last member leaves. */
    private final ConcurrentHashMap<String, Set<ConnectionSession>> rooms = new ConcurrentHashMap<>();

    EndpointSessions(String path) {
        this.path = path;
    }

    void add(ConnectionSession session) {
        open.put(session.id(), session);
    }

    /** The session's connection delivers its close: it is gone from the endpoint and all its rooms. */
    void remove(ConnectionSession session) {
        open.remove(session.id(), session);
        for (String room : session.leaveAllRooms()) {
            removeMember(room, session);
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
    public WebSocketRoom room(String name) {
        return new Room(Objects.requireNonNull(name, "name"));
    }

    @Override
    public Set<String> rooms() {
        return Set.copyOf(rooms.keySet());
    }

    @Override
    public int broadcastText(String text, Predicate<? super WebSocketSession> filter) {
        return broadcast(open.values(), textFrame(text), filter);
    }

    @Override
    public int broadcastBinary(byte[] data, Predicate<? super WebSocketSession> filter) {
        return broadcast(open.values(), binaryFrame(data), filter);
    }

    @Override
    public int broadcastBinary(ByteBuffer data, Predicate<? super WebSocketSession> filter) {
        return broadcast(open.values(), binaryFrame(data), filter);
    }

    @Override
    public String toString() {
        return "WebSocketSessions[" + path + ", " + open.size() + " open]";
    }

    private static byte[] textFrame(String text) {
        byte[] payload = Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8);
        return ConnectionSession.encodeFrame(ConnectionSession.OPCODE_TEXT, payload, 0, payload.length);
    }

    private static byte[] binaryFrame(byte[] data) {
        return ConnectionSession.encodeFrame(ConnectionSession.OPCODE_BINARY, Objects.requireNonNull(data, "data"),
                0, data.length);
    }

    private static byte[] binaryFrame(ByteBuffer data) {
        ByteBuffer bytes = Objects.requireNonNull(data, "data").duplicate();
        byte[] payload = new byte[bytes.remaining()];
        bytes.get(payload);
        return ConnectionSession.encodeFrame(ConnectionSession.OPCODE_BINARY, payload, 0, payload.length);
    }

    /** Queues the one encoded frame for every open session the filter accepts. */
    private static int broadcast(Collection<ConnectionSession> sessions, byte[] frame,
                                 Predicate<? super WebSocketSession> filter) {
        Objects.requireNonNull(filter, "filter");
        int recipients = 0;
        for (ConnectionSession session : sessions) {
            if (session.isOpen() && filter.test(session) && session.sendFrame(frame)) {
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
            Set<ConnectionSession> members = rooms.get(name);
            return members == null ? List.of() : members;
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
            return broadcast(members(), textFrame(text), filter);
        }

        @Override
        public int broadcastBinary(byte[] data, Predicate<? super WebSocketSession> filter) {
            return broadcast(members(), binaryFrame(data), filter);
        }

        @Override
        public int broadcastBinary(ByteBuffer data, Predicate<? super WebSocketSession> filter) {
            return broadcast(members(), binaryFrame(data), filter);
        }

        @Override
        public String toString() {
            return "WebSocketRoom[" + path + " " + name + ", " + count() + " members]";
        }
    }
}
