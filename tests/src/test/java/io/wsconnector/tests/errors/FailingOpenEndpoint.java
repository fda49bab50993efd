package io.wsconnector.tests.errors;

import io.wsconnector.annotations.OnClose;
import io.wsconnector.annotations.OnOpen;
import io.wsconnector.annotations.OnTextMessage;
import io.wsconnector.annotations.WebSocketUpgradePath;
import io.wsconnector.tests.Recorder;

/** Its {@code @OnOpen} always throws, with the message {@value #SECRET}. */
@WebSocketUpgradePath("/failing-open")
public class FailingOpenEndpoint {
    static final String SECRET = "secret-detail-of-FailingOpenEndpoint-91c2";

    private final Recorder recorder;

    public FailingOpenEndpoint() {
        this(new Recorder());
    }

    FailingOpenEndpoint(Recorder recorder) {
        this.recorder = recorder;
    }

    @OnOpen
    void opened() throws Exception {
        throw new Exception(SECRET);
    }

    @OnTextMessage
    String echo(String message) {
        recorder.record(new Recorder.Message(null, message));
        return message;
    }

    @OnClose
    void closed(int statusCode) {
        recorder.record(new Recorder.Closed(null, statusCode, null, false));
    }
}
