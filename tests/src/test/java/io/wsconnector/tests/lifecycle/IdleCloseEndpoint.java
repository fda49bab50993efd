package io.wsconnector.tests.lifecycle;

import io.wsconnector.annotations.OnClose;
import io.wsconnector.annotations.OnTextMessage;
import io.wsconnector.annotations.WebSocketUpgradePath;
import io.wsconnector.tests.Recorder;

/**
 * Idle after {@value IdleEndpoint#TIMEOUT_SECONDS} s, without an {@code @OnIdleTimeout} method: the runtime
 * closes idle connections with 1001. Text messages are answered with themselves; {@code @OnClose} records a
 * {@link Recorder.Call}.
 */
@WebSocketUpgradePath(value = "/idle-close", idleTimeoutSeconds = IdleEndpoint.TIMEOUT_SECONDS)
public class IdleCloseEndpoint {
    private final Recorder recorder;

    public IdleCloseEndpoint() {
        this(new Recorder());
    }

    IdleCloseEndpoint(Recorder recorder) {
        this.recorder = recorder;
    }

    @OnTextMessage
    String echo(String message) {
        return message;
    }

    @OnClose
    void closed(int statusCode) {
        recorder.record(Recorder.Call.of("OnClose", statusCode));
    }
}
