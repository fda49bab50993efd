package io.wsconnector.testing;

import io.wsconnector.annotations.OnTextMessage;
import io.wsconnector.annotations.WebSocketUpgradePath;
import io.wsconnector.runtime.WebSocketSession;

/** Echoes text, with a prefix of its own; {@value #BYE} closes the connection with 4000. */
@WebSocketUpgradePath(value = "/echo", subprotocols = "echo.v1")
public class Echo {
    static final String BYE = "bye";

    private final String prefix;

    public Echo() {
        this("");
    }

    Echo(String prefix) {
        this.prefix = prefix;
    }

    @OnTextMessage
    String echo(WebSocketSession session, String text) {
        if (text.equals(BYE)) {
            session.close(4000, "asked to");
            return null;
        }
        return prefix + text;
    }
}
