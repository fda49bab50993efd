package io.wsconnector.tests.broadcast;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.wsconnector.annotations.OnClose;
import io.wsconnector.annotations.OnError;
import io.wsconnector.annotations.OnOpen;
import io.wsconnector.annotations.OnTextMessage;
import io.wsconnector.annotations.WebSocketUpgradePath;
import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.runtime.WebSocketSessions;

/**
 * For many short connections at once: counts {@code @OnOpen} and {@code @OnClose} per session in a
 * {@link Tally}, and checks the registry from inside the handlers (a session is in it during {@code @OnOpen},
 * gone from it and from all its rooms in {@code @OnClose}); whatever is wrong, including any exception, goes
 * to {@link Tally#problems}. The checks in {@code @OnClose} apply to the rooms the session joined on its own
 * thread; {@value #OUTSIDE}, which other threads make it join, is only counted.
 *
 * <p>{@code @OnOpen} joins {@value #LOBBY} and one of {@value #ROOMS} rooms {@code room-N}; {@code @OnClose}
 * broadcasts {@code "left <id>"} to the endpoint. Text messages, not answered: {@code join:R}, {@code leave:R},
 * and {@code say:X}, which broadcasts {@code X} to {@value #LOBBY}.
 */
@WebSocketUpgradePath("/churn")
public class ChurnEndpoint {
    static final String LOBBY = "lobby";
    static final int ROOMS = 8;
    /** The room that a thread outside the handlers makes sessions join and leave. */
    static final String OUTSIDE = "outside";

    /** What the endpoint's instances saw, shared by all of them. */
    static final class Tally {
        final Map<String, AtomicInteger> opens = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> closes = new ConcurrentHashMap<>();
        /** How many {@code @OnClose} calls had each status code. */
        final Map<Integer, AtomicInteger> closeCodes = new ConcurrentHashMap<>();
        final Queue<String> problems = new ConcurrentLinkedQueue<>();
        /**
         * How often {@code @OnClose} still saw its session in {@value #OUTSIDE}, which another thread joins it to
         * (not a problem here: see {@code RoomsTest}'s test of that race).
         */
        final AtomicInteger outsideMembershipInOnClose = new AtomicInteger();

        int totalCloses() {
            return closes.values().stream().mapToInt(AtomicInteger::get).sum();
        }

        int closesWith(int code) {
            AtomicInteger count = closeCodes.get(code);
            return count == null ? 0 : count.get();
        }
    }

    private final Tally tally;

    public ChurnEndpoint() {
        this(new Tally());
    }

    ChurnEndpoint(Tally tally) {
        this.tally = tally;
    }

    static String roomOf(String sessionId) {
        return "room-" + Math.floorMod(sessionId.hashCode(), ROOMS);
    }

    @OnOpen
    void open(WebSocketSession session) {
        String id = session.id();
        tally.opens.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
        if (session.sessions().find(id).orElse(null) != session) {
            tally.problems.add("@OnOpen of " + id + ": the session is not in the registry");
        }
        if (!session.join(LOBBY) || !session.join(roomOf(id))) {
            tally.problems.add("@OnOpen of " + id + ": join returned false");
        }
    }

    @OnTextMessage
    void text(WebSocketSession session, String message) {
        if (message.startsWith("join:")) {
            session.join(message.substring("join:".length()));
        } else if (message.startsWith("leave:")) {
            session.leave(message.substring("leave:".length()));
        } else if (message.startsWith("say:")) {
            session.sessions().room(LOBBY).broadcastText(message.substring("say:".length()));
        }
    }

    @OnClose
    void close(WebSocketSession session, int statusCode) {
        String id = session.id();
        tally.closes.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
        tally.closeCodes.computeIfAbsent(statusCode, key -> new AtomicInteger()).incrementAndGet();
        WebSocketSessions registry = session.sessions();
        if (registry.find(id).isPresent()) {
            tally.problems.add("@OnClose of " + id + ": the session is still in the registry");
        }
        for (String room : session.rooms()) {
            if (room.equals(OUTSIDE)) {
                tally.outsideMembershipInOnClose.incrementAndGet();
            } else {
                tally.problems.add("@OnClose of " + id + ": the session is still in room " + room);
            }
        }
        for (String room : registry.rooms()) {
            if (registry.room(room).sessions().contains(session)) {
                if (room.equals(OUTSIDE)) {
                    tally.outsideMembershipInOnClose.incrementAndGet();
                } else {
                    tally.problems.add("@OnClose of " + id + ": room " + room + " still lists the session");
                }
            }
        }
        if (session.join("after-close")) {
            tally.problems.add("@OnClose of " + id + ": join returned true");
        }
        try {
            registry.broadcastText("left " + id);
        } catch (RuntimeException e) {
            tally.problems.add("@OnClose of " + id + ": the broadcast threw " + e);
        }
    }

    @OnError
    void error(Throwable error, WebSocketSession session) {
        tally.problems.add("@OnError of " + session.id() + ": " + error);
    }
}
