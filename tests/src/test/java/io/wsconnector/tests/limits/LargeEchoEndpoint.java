package io.wsconnector.tests.limits;

import io.wsconnector.annotations.OnBinaryMessage;
import io.wsconnector.annotations.OnClose;
import io.wsconnector.annotations.OnOpen;
import io.wsconnector.annotations.OnTextMessage;
import io.wsconnector.annotations.WebSocketUpgradePath;
import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.tests.Recorder;

/**
 * Answers each text message with the same text and each binary message with the same bytes, whatever their
 * size: the echo of the sample, for the tests that push a server to its limits. Records
 * {@link Recorder.Opened} and {@link Recorder.Closed}.
 */
@WebSocketUpgradePath("/large-echo")
public class LargeEchoEndpoint {
    private final Recorder recorder;

    public LargeEchoEndpoint() {
        this(new Recorder());
    }

    LargeEchoEndpoint(Recorder recorder) {
        this.recorder = recorder;
    }

    @OnOpen
    void open(WebSocketSession session) {
        recorder.record(new Recorder.Opened(session, session.id(), session.isOpen()));
    }

    @OnTextMessage
    String text(String message) {
        return message;
    }

    @OnBinaryMessage
    byte[] binary(byte[] message) {
        return message;
    }

    @OnClose
    void close(WebSocketSession session, int statusCode, String reason) {
        recorder.record(new Recorder.Closed(session.id(), statusCode, reason, session.isOpen()));
    }
}
