package io.wsconnector.sample.chat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.avaje.jsonb.Json;
import io.wsconnector.annotations.OnBinaryMessage;
import io.wsconnector.annotations.OnClose;
import io.wsconnector.annotations.OnError;
import io.wsconnector.annotations.OnIdleTimeout;
import io.wsconnector.annotations.OnOpen;
import io.wsconnector.annotations.OnTextMessage;
import io.wsconnector.annotations.OnUpgrade;
import io.wsconnector.annotations.PathParam;
import io.wsconnector.annotations.QueryParam;
import io.wsconnector.annotations.WebSocketUpgradePath;
import io.wsconnector.runtime.CloseCodes;
import io.wsconnector.runtime.UpgradeRejectedException;
import io.wsconnector.runtime.WebSocketRoom;
import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.runtime.WebSocketSessions;
import io.wsconnector.runtime.codec.DecodeFailure;
import io.wsconnector.runtime.codec.MessageDecodeException;

/**
 * One client in a chat room: {@code ws://localhost:9091/chat/lobby?token=secret&nick=ada}.
 *
 * <ul>
 * <li>{@code token} must be the server's token, or the handshake is refused with 401;</li>
 * <li>{@code nick} is optional ({@code guest-<session id>} without it);</li>
 * <li>text messages are JSON, dispatched on their {@code "type"}: {@code {"type":"say","text":"hi"}} goes
 *     to everyone in the room as {@code nick: hi}; {@code {"type":"who"}} asks for the nicks in the room,
 *     {@code {"type":"rooms"}} for the rooms (with how many are in each), {@code {"type":"avatar",
 *     "nick":"bob"}} for a member's avatar (the page sends these for {@code /who}, {@code /rooms} and
 *     {@code /avatar bob}); what the server sends is text, a line of the chat's log;</li>
 * <li>a binary message (at most 64 KiB) is the client's avatar;</li>
 * <li>after the server's idle timeout without a message the client is asked whether it is still
 *     there, and after a second one it is disconnected with 1001.</li>
 * </ul>
 *
 * <p>The runtime creates one instance per connection and calls its methods one at a time, so the fields
 * need no synchronization. What connections share — who is open, who is in which room, each one's nick
 * and avatar — the runtime keeps: {@link WebSocketSession#sessions()}, {@link WebSocketSession#join},
 * and session attributes.
 */
// No idleTimeoutSeconds here: the server's idleTimeout applies, which ChatServer takes from the command line.
@WebSocketUpgradePath(value = "/chat/{room}", dispatchKey = "type")
public class ChatRoom {
    /** {@code {"type":"say","text":"hi"}}: a line for everyone in the room. */
    @Json
    public record Say(String text) {
    }

    /** {@code {"type":"avatar","nick":"bob"}}: asks for a member's avatar. */
    @Json
    public record AvatarOf(String nick) {
    }

    /** The largest avatar accepted, in bytes. */
    public static final int MAX_AVATAR_BYTES = 64 * 1024;

    private static final Pattern VALID_NICK = Pattern.compile("[\\p{L}\\p{N}_.-]{1,24}");
    // session attributes, readable by the other connections of the room
    private static final String NICK = Who.NICK;
    private static final String AVATAR = "avatar";
    private static final String COMMANDS = "/who, /rooms, /avatar NICK";

    private final byte[] token;
    private final Who who;
    private String nick;
    private boolean warnedIdle;

    /**
     * A chat member admitted with this token.
     *
     * @param token the token a client must give in its query string
     */
    public ChatRoom(String token) {
        this(token, Who.local());
    }

    /**
     * A chat member admitted with this token, whose {@code /who} lists the members {@code who} finds.
     *
     * @param token the token a client must give in its query string
     * @param who   the members of a room: this server's, or every node's
     */
    ChatRoom(String token, Who who) {
        this.token = Objects.requireNonNull(token, "token").getBytes(StandardCharsets.UTF_8);
        this.who = Objects.requireNonNull(who, "who");
    }

    @OnUpgrade
    void authenticate(@QueryParam("token") Optional<String> givenToken, @QueryParam("nick") Optional<String> nick,
                      WebSocketSession session) {
        // isEqual takes as long whatever the first differing byte: the token cannot be guessed byte by byte
        if (givenToken.isEmpty() || !MessageDigest.isEqual(givenToken.get().getBytes(StandardCharsets.UTF_8), token)) {
            throw new UpgradeRejectedException(401, "A valid token is required: add ?token=... to the URL");
        }
        if (nick.isPresent() && !VALID_NICK.matcher(nick.get()).matches()) {
            throw new UpgradeRejectedException(400, "A nick has 1 to 24 letters, digits, '_', '-' or '.'");
        }
        // the session id is unique on this server: guests never share a nick
        this.nick = nick.orElseGet(() -> "guest-" + session.id());
        session.attribute(NICK, this.nick);
    }

    @OnOpen
    void joined(WebSocketSession session, @PathParam String room) {
        session.join(room);
        // the new member is in the room already: it hears its own arrival, which tells it it is in
        session.sessions().room(room).broadcastText("* " + nick + " joined " + room);
    }

    @OnTextMessage("say")
    void said(WebSocketSession session, Say say, @PathParam String room) {
        warnedIdle = false;
        session.sessions().room(room).broadcastText(nick + ": " + say.text());
    }

    @OnTextMessage("who")
    void who(WebSocketSession session, @PathParam String room) {
        warnedIdle = false;
        session.sendText(who(session.sessions().room(room)));
    }

    @OnTextMessage("rooms")
    void rooms(WebSocketSession session) {
        warnedIdle = false;
        session.sendText(rooms(session.sessions()));
    }

    @OnTextMessage("avatar")
    void avatarOf(WebSocketSession session, AvatarOf request, @PathParam String room) {
        warnedIdle = false;
        sendAvatar(session, room, request.nick() == null ? "" : request.nick());
    }

    /** {@code * in lobby (2): ada, bob}: the nicks of the room's members, sorted. */
    private String who(WebSocketRoom room) {
        List<String> nicks = who.nicks(room);
        return "* in " + room.name() + " (" + nicks.size() + "): " + String.join(", ", nicks);
    }

    /** {@code * rooms (2): kitchen (1), lobby (2)}: the rooms that have members, sorted by name. */
    private static String rooms(WebSocketSessions sessions) {
        List<String> rooms = new ArrayList<>();
        for (String name : new TreeSet<>(sessions.rooms())) {
            int members = sessions.room(name).count();
            if (members > 0) { // else emptied since the snapshot
                rooms.add(name + " (" + members + ")");
            }
        }
        return "* rooms (" + rooms.size() + "): " + String.join(", ", rooms);
    }

    private static void sendAvatar(WebSocketSession session, String room, String owner) {
        if (owner.isEmpty()) {
            throw new IllegalArgumentException("usage: /avatar NICK");
        }
        byte[] avatar = session.sessions().room(room).sessions().stream()
                .filter(member -> owner.equals(member.attribute(NICK)))
                .map(member -> member.<byte[]>attribute(AVATAR))
                .filter(Objects::nonNull)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("nobody called " + owner + " with an avatar in " + room));
        session.sendBinary(avatar);
    }

    @OnBinaryMessage
    void avatar(WebSocketSession session, byte[] image, @PathParam String room) {
        warnedIdle = false;
        if (image.length > MAX_AVATAR_BYTES) {
            throw new IllegalArgumentException("an avatar has at most " + MAX_AVATAR_BYTES + " bytes, not " + image.length);
        }
        session.attribute(AVATAR, image); // the runtime gave us our own copy: we may keep it
        session.sessions().room(room)
                .broadcastText("* " + nick + " has a new avatar (" + image.length + " bytes): /avatar " + nick);
    }

    @OnIdleTimeout
    void idle(WebSocketSession session) {
        if (warnedIdle) {
            session.close(CloseCodes.GOING_AWAY, "Idle for too long");
        } else {
            warnedIdle = true;
            session.sendText("* still there? Say something, or you will be disconnected");
        }
    }

    @OnError
    void badRequest(IllegalArgumentException error, WebSocketSession session) {
        // the connection stays open: the client only gets the reason
        session.sendText("! " + error.getMessage());
    }

    @OnError
    void badMessage(MessageDecodeException error, WebSocketSession session) {
        // without this method the connection would close with 1003 or 1007; a chat forgives and explains
        session.sendText(error.failure() == DecodeFailure.UNKNOWN_KEY
                ? "! unknown command; try " + COMMANDS
                : "! not a chat message: send {\"type\":\"say\",\"text\":\"...\"}");
    }

    @OnClose
    void left(WebSocketSession session, @PathParam String room) {
        // the runtime has taken this session out of the endpoint and its rooms already, however the
        // connection ended (close frame, TCP reset, idle timeout, server stop): the others hear it
        session.sessions().room(room).broadcastText("* " + nick + " left " + room);
    }
}
