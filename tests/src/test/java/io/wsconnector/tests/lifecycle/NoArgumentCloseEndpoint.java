package io.wsconnector.tests.lifecycle;

import io.wsconnector.annotations.OnClose;
import io.wsconnector.annotations.WebSocketUpgradePath;
import io.wsconnector.tests.Recorder;

/** Has nothing but an {@code @OnClose} method without parameters. */
@WebSocketUpgradePath("/no-argument-close")
public class NoArgumentCloseEndpoint {
    private final Recorder recorder;

    public NoArgumentCloseEndpoint() {
        this(new Recorder());
    }

    NoArgumentCloseEndpoint(Recorder recorder) {
        this.recorder = recorder;
    }

    @OnClose
    void closed() {
        recorder.record(new Recorder.ClosedWithoutArguments());
    }
}
