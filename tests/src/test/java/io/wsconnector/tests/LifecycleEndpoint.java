package io.wsconnector.tests;

import io.wsconnector.annotations.BasePath;
import io.wsconnector.annotations.OnClose;
import io.wsconnector.annotations.OnOpen;
import io.wsconnector.annotations.OnTextMessage;
import io.wsconnector.annotations.WebSocketUpgradePath;
import io.wsconnector.runtime.WebSocketSession;

/**
 * Records open, messages and close, and runs a few commands against its session:
 * <ul>
 * <li>{@code id}: answers with the session id;</li>
 * <li>{@code close-then-send}: closes with 4003 "closing", then tries to send, and records what happened.</li>
 * </ul>
 * Any other message is answered with itself.
 */
@BasePath("/test/")
@WebSocketUpgradePath("/lifecycle")
public class LifecycleEndpoint {
    private final Recorder recorder;

    public LifecycleEndpoint() {
        this(new Recorder());
    }

    public LifecycleEndpoint(Recorder recorder) {
        this.recorder = recorder;
    }

    @OnOpen
    void opened(WebSocketSession session) {
        recorder.record(new Recorder.Opened(session, session.id(), session.isOpen()));
    }

    @OnTextMessage
    String message(String message, WebSocketSession session) {
        recorder.record(new Recorder.Message(session.id(), message));
        switch (message) {
            case "id":
                return session.id();
            case "close-then-send":
                session.close(4003, "closing");
                String outcome;
                try {
                    session.sendText("late");
                    outcome = "sent";
                } catch (IllegalStateException e) {
                    outcome = "IllegalStateException";
                }
                recorder.record(new Recorder.Outcome(session.id(), outcome + ", open=" + session.isOpen()));
                return null;
            default:
                return message;
        }
    }

    @OnClose
    void closed(WebSocketSession session, int statusCode, String reason) {
        recorder.record(new Recorder.Closed(session.id(), statusCode, reason, session.isOpen()));
    }
}
