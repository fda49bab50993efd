package io.wsconnector.tests.lifecycle;

import java.util.Optional;

import io.wsconnector.annotations.OnClose;
import io.wsconnector.annotations.OnIdleTimeout;
import io.wsconnector.annotations.OnTextMessage;
import io.wsconnector.annotations.PathParam;
import io.wsconnector.annotations.QueryParam;
import io.wsconnector.annotations.WebSocketUpgradePath;
import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.tests.Recorder;

/**
 * Idle after {@value #TIMEOUT_SECONDS} s. {@code @OnIdleTimeout} records an {@link Idle} (when it ran, the path
 * parameter, whether the session was open); with {@code ?close=true} it closes the session with 4000 and
 * {@code "idle <name>"}. Text messages are answered with themselves; {@code @OnClose} records a
 * {@link Recorder.Call}.
 */
@WebSocketUpgradePath(value = "/idle/{name}", idleTimeoutSeconds = IdleEndpoint.TIMEOUT_SECONDS)
public class IdleEndpoint {
    static final int TIMEOUT_SECONDS = 1;

    /** An {@code @OnIdleTimeout} call: {@link System#nanoTime()} when it ran. */
    record Idle(long nanoTime, String name, boolean open) {
    }

    private final Recorder recorder;

    public IdleEndpoint() {
        this(new Recorder());
    }

    IdleEndpoint(Recorder recorder) {
        this.recorder = recorder;
    }

    @OnIdleTimeout
    void idle(WebSocketSession session, @PathParam String name, @QueryParam Optional<Boolean> close) {
        recorder.record(new Idle(System.nanoTime(), name, session.isOpen()));
        if (close.orElse(false)) {
            session.close(4000, "idle " + name);
        }
    }

    @OnTextMessage
    String echo(String message) {
        return message;
    }

    @OnClose
    void closed(int statusCode, String reason) {
        recorder.record(Recorder.Call.of("OnClose", statusCode, reason));
    }
}
