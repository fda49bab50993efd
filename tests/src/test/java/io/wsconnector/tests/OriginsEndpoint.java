package io.wsconnector.tests;

import io.wsconnector.annotations.OnTextMessage;
import io.wsconnector.annotations.OnUpgrade;
import io.wsconnector.annotations.WebSocketUpgradePath;
import io.wsconnector.runtime.HandshakeRequest;

/**
 * Allows the browser origins {@value #APP} and {@value #LOCAL_DEV} besides the server's; records each
 * {@code @OnUpgrade} (with the request's {@code Origin}) and answers each text message with itself.
 */
@WebSocketUpgradePath(value = "/origins", origins = {OriginsEndpoint.APP, OriginsEndpoint.LOCAL_DEV})
public class OriginsEndpoint {
    public static final String APP = "https://app.example.com";
    public static final String LOCAL_DEV = "http://localhost:3000";

    private final Recorder recorder;

    public OriginsEndpoint() {
        this(new Recorder());
    }

    public OriginsEndpoint(Recorder recorder) {
        this.recorder = recorder;
    }

    @OnUpgrade
    void upgrade(HandshakeRequest request) {
        recorder.record(Recorder.Call.of("OnUpgrade", request.header("Origin").orElse(null)));
    }

    @OnTextMessage
    String echo(String message) {
        return message;
    }
}
