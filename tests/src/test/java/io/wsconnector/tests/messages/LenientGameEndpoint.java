package io.wsconnector.tests.messages;

import io.wsconnector.annotations.OnError;
import io.wsconnector.annotations.OnTextMessage;
import io.wsconnector.annotations.WebSocketUpgradePath;
import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.runtime.codec.MessageDecodeException;

/**
 * Typed JSON messages dispatched on {@code "type"} with an {@code @OnError} for messages that do not
 * decode: it tells the client what failed and on which text, and the connection stays open.
 */
@WebSocketUpgradePath(value = "/lenient-game", dispatchKey = "type")
public class LenientGameEndpoint {

    @OnTextMessage("move")
    GameEndpoint.Moved move(GameEndpoint.Move move) {
        return new GameEndpoint.Moved(move.x(), move.y(), "lenient");
    }

    @OnError
    void badMessage(WebSocketSession session, MessageDecodeException error) {
        session.sendText(error.failure() + " " + error.text());
    }
}
