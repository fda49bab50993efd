package io.wsconnector.tests;

import io.wsconnector.annotations.OnClose;
import io.wsconnector.annotations.WebSocketUpgradePath;

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
