package io.wsconnector.tests.broadcast;

import java.util.TreeSet;

import io.wsconnector.annotations.OnClose;
import io.wsconnector.annotations.OnError;
import io.wsconnector.annotations.OnOpen;
import io.wsconnector.annotations.OnTextMessage;
import io.wsconnector.annotations.WebSocketUpgradePath;
import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.runtime.WebSocketSessions;
import io.wsconnector.tests.Recorder;

/**
 * Joins and leaves rooms on its clients' requests, and records what it saw in a {@link Recorder}:
 * {@link Recorder.Opened}, {@link Recorder.Closed}, and in {@code @OnClose} an {@link Recorder.Outcome}
 * {@code "in @OnClose: rooms [...], listed in [...], in the registry B"} (the session's rooms, the rooms whose
 * members include it, and whether the registry has it); an exception is recorded as {@code "error ..."}.
 *
 * <p>Text messages, each answered:
 * <ul>
 * <li>{@code join:R}: {@code "join R true|false"}, what {@link WebSocketSession#join} returned;</li>
 * <li>{@code leave:R}: {@code "leave R true|false"};</li>
 * <li>{@code rooms}: {@code "rooms [A, B]"}, the session's rooms in order;</li>
 * <li>{@code say:R:X}: broadcasts {@code X} to room {@code R} and answers {@code "said in R to N"};</li>
 * <li>anything else: itself.</li>
 * </ul>
 */
@WebSocketUpgradePath("/room-members")
public class RoomsEndpoint {
    private final Recorder recorder;

    public RoomsEndpoint() {
        this(new Recorder());
    }

    RoomsEndpoint(Recorder recorder) {
        this.recorder = recorder;
    }

    @OnOpen
    void open(WebSocketSession session) {
        recorder.record(new Recorder.Opened(session, session.id(), session.isOpen()));
    }

    @OnTextMessage
    String text(WebSocketSession session, String message) {
        if (message.startsWith("join:")) {
            String room = message.substring("join:".length());
            return "join " + room + " " + session.join(room);
        }
        if (message.startsWith("leave:")) {
            String room = message.substring("leave:".length());
            return "leave " + room + " " + session.leave(room);
        }
        if (message.equals("rooms")) {
            return "rooms " + new TreeSet<>(session.rooms());
        }
        if (message.startsWith("say:")) {
            String[] parts = message.split(":", 3);
            int recipients = session.sessions().room(parts[1]).broadcastText(parts[2]);
            return "said in " + parts[1] + " to " + recipients;
        }
        return message;
    }

    @OnClose
    void close(WebSocketSession session, int statusCode, String reason) {
        WebSocketSessions registry = session.sessions();
        TreeSet<String> listedIn = new TreeSet<>();
        for (String room : registry.rooms()) {
            if (registry.room(room).sessions().contains(session)) {
                listedIn.add(room);
            }
        }
        recorder.record(new Recorder.Outcome(session.id(), "in @OnClose: rooms " + new TreeSet<>(session.rooms())
                + ", listed in " + listedIn + ", in the registry " + registry.find(session.id()).isPresent()));
        recorder.record(new Recorder.Closed(session.id(), statusCode, reason, session.isOpen()));
    }

    @OnError
    void error(Throwable error, WebSocketSession session) {
        recorder.record(new Recorder.Outcome(session.id(), "error " + error));
    }
}
