package io.wsconnector.tests.lifecycle;

import io.wsconnector.annotations.OnOpen;
import io.wsconnector.annotations.WebSocketUpgradePath;
import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.tests.Recorder;

/** Takes no messages at all: only {@code @OnOpen}. */
@WebSocketUpgradePath("/open-only")
public class OpenOnlyEndpoint {
    private final Recorder recorder;

    public OpenOnlyEndpoint() {
        this(new Recorder());
    }

    OpenOnlyEndpoint(Recorder recorder) {
        this.recorder = recorder;
    }

    @OnOpen
    void opened(WebSocketSession session) {
        recorder.record(new Recorder.Opened(session, session.id(), session.isOpen()));
    }
}
