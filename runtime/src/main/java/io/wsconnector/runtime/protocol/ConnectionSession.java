package io.wsconnector.runtime.protocol;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import io.wsconnector.runtime.HandshakeRequest;
import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.runtime.WebSocketSessions;
import io.wsconnector.runtime.cluster.ClusterNode;
import io.wsconnector.runtime.internal.Utf8TextSender;

/**
 * The {@link WebSocketSession} of one connection: checks what the endpoint asks for and hands it on —
 * frames to {@link OutboundFrames}, closing to {@link CloseHandshake}, rooms to {@link SessionRooms} —
 * and keeps the connection's attributes.
 */
final class ConnectionSession implements WebSocketSession, Utf8TextSender {
    private final String id;
    private final Handshake handshake;
    private final OutboundFrames outbound;
    private final CloseHandshake closing;
    private final EndpointSessions sessions;
    private final RoomMembers roomMembers;
    /** Created by the first {@link #attribute(String, Object)}: most connections never need one. */
    private volatile ConcurrentHashMap<String, Object> attributes;
    /** Created by the first {@link #join(String)}, or {@link SessionRooms#LEFT} once the session has left. */
    private volatile SessionRooms rooms;

    /**
     * @param id        the session id
     * @param handshake the opening handshake
     * @param outbound  the connection's outbound frames
     * @param closing   the connection's closing handshake
     * @param sessions    the endpoint's sessions
     * @param roomMembers the members of the endpoint's rooms
     */
    ConnectionSession(String id, Handshake handshake, OutboundFrames outbound, CloseHandshake closing,
                      EndpointSessions sessions, RoomMembers roomMembers) {
        this.id = id;
        this.handshake = handshake;
        this.outbound = outbound;
        this.closing = closing;
        this.sessions = sessions;
        this.roomMembers = roomMembers;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public WebSocketSessions sessions() {
        return sessions;
    }

    @Override
    public void sendText(String text) {
        if (text == null) {
            throw new NullPointerException("text");
        }
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        outbound.send(Opcode.TEXT, payload, 0, payload.length, null);
    }

    @Override
    public void sendUtf8Text(byte[] utf8) {
        outbound.send(Opcode.TEXT, utf8, 0, utf8.length, null);
    }

    @Override
    public void sendBinary(byte[] data) {
        outbound.send(Opcode.BINARY, data, 0, data.length, null);
    }

    @Override
    public void sendBinary(ByteBuffer data) {
        if (data.hasArray()) {
            outbound.send(Opcode.BINARY, data.array(), data.arrayOffset() + data.position(), data.remaining(), null);
        } else {
            byte[] copy = new byte[data.remaining()];
            data.duplicate().get(copy);
            outbound.send(Opcode.BINARY, copy, 0, copy.length, null);
        }
    }

    @Override
    public CompletionStage<Void> sendTextAsync(String text) {
        if (text == null) {
            throw new NullPointerException("text");
        }
        return sendAsync(Opcode.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public CompletionStage<Void> sendBinaryAsync(byte[] data) {
        return sendAsync(Opcode.BINARY, Objects.requireNonNull(data, "data"));
    }

    private CompletionStage<Void> sendAsync(Opcode opcode, byte[] payload) {
        CompletableFuture<Void> stage = new CompletableFuture<>();
        try {
            outbound.send(opcode, payload, 0, payload.length, stage);
        } catch (IllegalStateException | UncheckedIOException e) {
            stage.completeExceptionally(e);
        }
        return stage;
    }

    @Override
    public void sendPing(byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        if (payload.length > Frames.MAX_CONTROL_PAYLOAD) {
            throw new IllegalArgumentException("A ping carries at most " + Frames.MAX_CONTROL_PAYLOAD + " bytes, not "
                    + payload.length);
        }
        outbound.send(Opcode.PING, payload, 0, payload.length, null);
    }

    /**
     * Sends a broadcast message, encoded as the other recipients that send it the same way have it.
     *
     * @return whether the message is on its way: {@code false} if the session no longer sends, or its
     *         slow-consumer policy refused it
     */
    boolean sendBroadcast(BroadcastMessage message) {
        return outbound.sendBroadcast(message);
    }

    @Override
    public void close(int statusCode, String reason) {
        if (!outbound.wasOpened()) {
            throw new IllegalStateException("Session " + id + " is not open yet; to refuse the connection, "
                    + "throw UpgradeRejectedException from @OnUpgrade");
        }
        closing.close(statusCode, reason);
    }

    @Override
    public boolean isOpen() {
        return outbound.isOpen();
    }

    @Override
    public String pathParam(String name) {
        return handshake.pathParam(name);
    }

    @Override
    public HandshakeRequest handshake() {
        return handshake;
    }

    @Override
    public Optional<String> subprotocol() {
        return handshake.subprotocol();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T attribute(String key) {
        Objects.requireNonNull(key, "key");
        ConcurrentHashMap<String, Object> map = attributes;
        return map == null ? null : (T) map.get(key);
    }

    @Override
    public void attribute(String key, Object value) {
        Objects.requireNonNull(key, "key");
        ConcurrentHashMap<String, Object> map = attributes;
        if (map == null) {
            if (value == null) {
                return;
            }
            map = createAttributes();
        }
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
        ClusterNode node = clusterNode();
        if (node != null) {
            node.attributeChanged(this, key);
        }
    }

    /** The server's node in a cluster, or {@code null} when it is in none. */
    ClusterNode clusterNode() {
        return sessions.cluster().node();
    }

    private synchronized ConcurrentHashMap<String, Object> createAttributes() {
        ConcurrentHashMap<String, Object> map = attributes;
        if (map == null) {
            map = new ConcurrentHashMap<>(4);
            attributes = map;
        }
        return map;
    }

    @Override
    public boolean join(String room) {
        Objects.requireNonNull(room, "room");
        SessionRooms joined = rooms;
        if (joined == null) {
            joined = createRooms();
        }
        return joined.join(room);
    }

    @Override
    public boolean leave(String room) {
        Objects.requireNonNull(room, "room");
        SessionRooms joined = rooms;
        return joined != null && joined.leave(room);
    }

    @Override
    public Set<String> rooms() {
        SessionRooms joined = rooms;
        return joined == null ? Set.of() : joined.names();
    }

    /** The session leaves its endpoint: it leaves every room, and can join none from now on. */
    void leaveAllRooms() {
        SessionRooms joined;
        synchronized (this) {
            joined = rooms;
            if (joined == null) {
                rooms = SessionRooms.LEFT;
                return;
            }
        }
        joined.leaveAll();
    }

    private synchronized SessionRooms createRooms() {
        if (rooms == null) {
            rooms = new SessionRooms(roomMembers, this);
        }
        return rooms;
    }

    @Override
    public String toString() {
        return "WebSocketSession[" + id + "]";
    }
}
