package io.wsconnector.tests.broadcast;

import java.util.Optional;

import io.wsconnector.annotations.OnClose;
import io.wsconnector.annotations.OnError;
import io.wsconnector.annotations.OnOpen;
import io.wsconnector.annotations.OnTextMessage;
import io.wsconnector.annotations.QueryParam;
import io.wsconnector.annotations.WebSocketUpgradePath;
import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.tests.Recorder;

/**
 * Broadcasts through {@link WebSocketSession}'s methods from its handlers, and records what it saw in a
 * {@link Recorder}: {@link Recorder.Opened} for each {@code @OnOpen}, {@link Recorder.Closed} for each
 * {@code @OnClose}, and an {@link Recorder.Outcome} for each broadcast (how many it reached) and for any
 * exception ({@code "error ..."}).
 *
 * <p>With {@code ?announce=true}, {@code @OnOpen} broadcasts {@code "joined <id>"} to the whole endpoint and
 * {@code @OnClose} broadcasts {@code "left <id>"}; their outcomes read {@code "open broadcast reached N"} and
 * {@code "close broadcast reached N"} (or {@code "close broadcast threw ..."}).
 *
 * <p>Text messages:
 * <ul>
 * <li>{@code all:X}: broadcasts {@code X} to the whole endpoint, the sender included; outcome
 * {@code "all reached N"};</li>
 * <li>{@code others:X}: broadcasts {@code X} to all but the sender, with a filter, and answers
 * {@code "others reached N"};</li>
 * <li>{@code binary:N}: broadcasts the {@code N} bytes of {@link #pattern(int)} to the whole endpoint; outcome
 * {@code "binary reached N"};</li>
 * <li>{@code to:ID:X}: sends {@code X} to the session {@code ID} (another connection) with
 * {@code sendText}, and answers {@code "sent to ID"};</li>
 * <li>anything else is answered with itself.</li>
 * </ul>
 */
@WebSocketUpgradePath("/broadcast")
public class BroadcastEndpoint {
    private final Recorder recorder;

    public BroadcastEndpoint() {
        this(new Recorder());
    }

    public BroadcastEndpoint(Recorder recorder) {
        this.recorder = recorder;
    }

    /** {@code length} bytes that go through every value of a byte, in an order that a shift would break. */
    public static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + i / 256);
        }
        return bytes;
    }

    @OnOpen
    void open(WebSocketSession session, @QueryParam Optional<Boolean> announce) {
        recorder.record(new Recorder.Opened(session, session.id(), session.isOpen()));
        if (announce.orElse(false)) {
            int recipients = session.broadcastText("joined " + session.id());
            recorder.record(new Recorder.Outcome(session.id(), "open broadcast reached " + recipients));
        }
    }

    @OnTextMessage
    String text(WebSocketSession session, String message) {
        if (message.startsWith("all:")) {
            int recipients = session.broadcastText(message.substring("all:".length()));
            recorder.record(new Recorder.Outcome(session.id(), "all reached " + recipients));
            return null;
        }
        if (message.startsWith("others:")) {
            int recipients = session.broadcastText(message.substring("others:".length()),
                    other -> !other.equals(session));
            return "others reached " + recipients;
        }
        if (message.startsWith("binary:")) {
            int recipients = session.broadcastBinary(pattern(Integer.parseInt(message.substring("binary:".length()))));
            recorder.record(new Recorder.Outcome(session.id(), "binary reached " + recipients));
            return null;
        }
        if (message.startsWith("to:")) {
            String[] parts = message.split(":", 3);
            Optional<WebSocketSession> target = session.sessions().find(parts[1]);
            if (target.isEmpty()) {
                return "no session " + parts[1];
            }
            target.get().sendText(parts[2]);
            return "sent to " + parts[1];
        }
        return message;
    }

    @OnClose
    void close(WebSocketSession session, int statusCode, String reason, @QueryParam Optional<Boolean> announce) {
        if (announce.orElse(false)) {
            try {
                int recipients = session.broadcastText("left " + session.id());
                recorder.record(new Recorder.Outcome(session.id(), "close broadcast reached " + recipients));
            } catch (RuntimeException e) {
                recorder.record(new Recorder.Outcome(session.id(), "close broadcast threw " + e));
            }
        }
        recorder.record(new Recorder.Closed(session.id(), statusCode, reason, session.isOpen()));
    }

    @OnError
    void error(Throwable error, WebSocketSession session) {
        recorder.record(new Recorder.Outcome(session.id(), "error " + error));
    }
}
