package io.wsconnector.tests.limits;

import io.wsconnector.annotations.OnBinaryMessage;
import io.wsconnector.annotations.OnClose;
import io.wsconnector.annotations.OnOpen;
import io.wsconnector.annotations.WebSocketUpgradePath;
import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.tests.Recorder;

/**
 * Sends each binary message back {@value #TIMES} times from its handler: with large messages, the handler
 * itself waits for the client to read (its sends write what it sent before). Records
 * {@link Recorder.Opened} and {@link Recorder.Closed}.
 */
@WebSocketUpgradePath("/repeat")
public class RepeatEndpoint {
    static final int TIMES = 4;

    private final Recorder recorder;

    public RepeatEndpoint() {
        this(new Recorder());
    }

    RepeatEndpoint(Recorder recorder) {
        this.recorder = recorder;
    }

    @OnOpen
    void open(WebSocketSession session) {
        recorder.record(new Recorder.Opened(session, session.id(), session.isOpen()));
    }

    @OnBinaryMessage
    void repeat(WebSocketSession session, byte[] message) {
        for (int i = 0; i < TIMES; i++) {
            session.sendBinary(message);
        }
    }

    @OnClose
    void close(WebSocketSession session, int statusCode, String reason) {
        recorder.record(new Recorder.Closed(session.id(), statusCode, reason, session.isOpen()));
    }
}
