package io.wsconnector.tests.handshake;

import io.wsconnector.annotations.OnTextMessage;
import io.wsconnector.annotations.WebSocketUpgradePath;

/** Allows every browser origin ({@code "*"}); answers each text message with itself. */
@WebSocketUpgradePath(value = "/any-origin", origins = "*")
public class AnyOriginEndpoint {
    @OnTextMessage
    String echo(String message) {
        return message;
    }
}
