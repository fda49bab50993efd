package io.wsconnector.bench;

import io.wsconnector.annotations.OnBinaryMessage;
import io.wsconnector.annotations.OnTextMessage;
import io.wsconnector.annotations.WebSocketUpgradePath;

/**
 * Server (1), "ours": the echo written with wsconnector's annotations. The processor generates
 * {@code OursEcho_WebSocketEndpoint}, which {@link EchoServers} serves through
 * {@code WebSocketServer.builder()} exactly as an application would (endpoint discovery on).
 */
@WebSocketUpgradePath(EchoServers.PATH)
public class OursEcho {
    @OnTextMessage
    String echo(String message) {
        return message;
    }

    @OnBinaryMessage
    byte[] echo(byte[] message) {
        return message;
    }
}
