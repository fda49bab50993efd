package io.wsconnector.tests;

import io.wsconnector.annotations.BasePath;
import io.wsconnector.annotations.OnTextMessage;
import io.wsconnector.annotations.WebSocketUpgradePath;

/**
 * Answers each text message with the same text, by returning it. The message {@value #BOOM} makes the
 * handler throw an exception whose message is {@value #SECRET}.
 */
@BasePath("/test")
@WebSocketUpgradePath("/echo")
public class EchoEndpoint {
    public static final String BOOM = "boom";
    public static final String SECRET = "secret-detail-of-EchoEndpoint-7f3a";

    private final Recorder recorder;

    public EchoEndpoint() {
        this(new Recorder());
    }

    public EchoEndpoint(Recorder recorder) {
        this.recorder = recorder;
    }

    @OnTextMessage
    String echo(String message) {
        recorder.record(new Recorder.Message(null, message));
        if (message.equals(BOOM)) {
            throw new IllegalStateException(SECRET);
        }
        return message;
    }
}
