package io.wsconnector.tests;

import io.wsconnector.annotations.OnTextMessage;
import io.wsconnector.annotations.WebSocketUpgradePath;
import io.wsconnector.runtime.WebSocketSession;

/** Answers each text message with the same text, through {@link WebSocketSession#sendText} in a void handler. */
@WebSocketUpgradePath("/session-echo")
public class SessionEchoEndpoint {
    private final Recorder recorder;

    public SessionEchoEndpoint() {
        this(new Recorder());
    }

    public SessionEchoEndpoint(Recorder recorder) {
        this.recorder = recorder;
    }

    @OnTextMessage
    void echo(WebSocketSession session, String message) {
        recorder.record(new Recorder.Message(session.id(), message));
        session.sendText(message);
    }
}
