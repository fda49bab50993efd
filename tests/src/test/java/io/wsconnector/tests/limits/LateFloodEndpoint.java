package io.wsconnector.tests.limits;

import io.wsconnector.annotations.OnClose;
import io.wsconnector.annotations.OnOpen;
import io.wsconnector.annotations.OnTextMessage;
import io.wsconnector.annotations.WebSocketUpgradePath;
import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.tests.Recorder;

/**
 * For a text message naming milliseconds, works that long (the connection's idle timeout comes due
 * meanwhile, and its {@code onIdleTimeout} waits for this handler's turn), then sends {@value #TIMES}
 * binary messages of {@value #SIZE} bytes, which a client that does not read makes wait forever. Records
 * {@link Recorder.Opened} and {@link Recorder.Closed}.
 */
@WebSocketUpgradePath("/late-flood")
public class LateFloodEndpoint {
    static final int TIMES = 4;
    static final int SIZE = 4 * 1024 * 1024;

    private final Recorder recorder;

    public LateFloodEndpoint() {
        this(new Recorder());
    }

    LateFloodEndpoint(Recorder recorder) {
        this.recorder = recorder;
    }

    @OnOpen
    void open(WebSocketSession session) {
        recorder.record(new Recorder.Opened(session, session.id(), session.isOpen()));
    }

    @OnTextMessage
    void flood(WebSocketSession session, String millis) throws InterruptedException {
        Thread.sleep(Long.parseLong(millis));
        byte[] data = new byte[SIZE];
        for (int i = 0; i < TIMES; i++) {
            session.sendBinary(data);
        }
    }

    @OnClose
    void close(WebSocketSession session, int statusCode, String reason) {
        recorder.record(new Recorder.Closed(session.id(), statusCode, reason, session.isOpen()));
    }
}
