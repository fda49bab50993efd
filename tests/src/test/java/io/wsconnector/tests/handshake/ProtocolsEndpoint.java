package io.wsconnector.tests.handshake;

import io.wsconnector.annotations.OnOpen;
import io.wsconnector.annotations.OnTextMessage;
import io.wsconnector.annotations.OnUpgrade;
import io.wsconnector.annotations.WebSocketUpgradePath;
import io.wsconnector.runtime.HandshakeRequest;
import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.tests.Recorder;

/**
 * Speaks the subprotocols {@code chat.v2} (preferred) and {@code chat.v1}. {@code @OnUpgrade} records what the
 * client offered and what was chosen, {@code @OnOpen} what the session says; a text message is answered with
 * {@code session.subprotocol()}, or {@value #NONE}.
 */
@WebSocketUpgradePath(value = "/protocols", subprotocols = {"chat.v2", "chat.v1"})
public class ProtocolsEndpoint {
    static final String NONE = "(none)";

    private final Recorder recorder;

    public ProtocolsEndpoint() {
        this(new Recorder());
    }

    ProtocolsEndpoint(Recorder recorder) {
        this.recorder = recorder;
    }

    @OnUpgrade
    void upgrade(HandshakeRequest request) {
        recorder.record(Recorder.Call.of("OnUpgrade", request.requestedSubprotocols(), request.subprotocol()));
    }

    @OnOpen
    void open(WebSocketSession session) {
        recorder.record(Recorder.Call.of("OnOpen", session.subprotocol(), session.handshake().subprotocol()));
    }

    @OnTextMessage
    String text(String message, WebSocketSession session) {
        return session.subprotocol().orElse(NONE);
    }
}
