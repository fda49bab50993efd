package test;

import io.wsconnector.json.avaje.AvajeJsonCodec;
import io.wsconnector.json.avaje.JsonDispatchKey;
import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.runtime.codec.MessageDecodeException;
import io.wsconnector.runtime.codec.TextCodec;
import io.wsconnector.runtime.internal.TypedReplies;
import io.wsconnector.runtime.spi.WebSocketDispatcher;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import javax.annotation.processing.Generated;

/**
 * Delivers one connection's events to its {@link Game} instance.
 */
@Generated("io.wsconnector.processor.WebSocketProcessor")
final class Game_WebSocketDispatcher implements WebSocketDispatcher {
    private static final JsonDispatchKey DISPATCH_KEY = JsonDispatchKey.named("type");

    private static final TextCodec<Game.Join> JOIN = AvajeJsonCodec.of(Game.Join.class);

    private static final TextCodec<Game.Move> MOVE = AvajeJsonCodec.of(Game.Move.class);

    private static final TextCodec<Game.Moved> MOVED = AvajeJsonCodec.of(Game.Moved.class);

    private static final TextCodec<Game.Say> SAY = AvajeJsonCodec.of(Game.Say.class);

    private final Game endpoint;

    Game_WebSocketDispatcher(Game endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public boolean takesUtf8Text() {
        return true;
    }

    @Override
    public CompletionStage<?> onUtf8TextMessage(WebSocketSession session, byte[] message) {
        String key = DISPATCH_KEY.read(message);
        switch (key) {
            case "join" -> endpoint.join(session, DISPATCH_KEY.decode(JOIN, message));
            case "move" -> TypedReplies.send(session, endpoint.move(DISPATCH_KEY.decode(MOVE, message),
                    session), MOVED);
            case "say" -> {
                return TypedReplies.broadcastText(session, endpoint.say(DISPATCH_KEY.decode(SAY, message)),
                        SAY);
            }
            case "raw" -> {
                String reply = endpoint.raw(new String(message, StandardCharsets.UTF_8));
                if (reply != null) {
                    session.sendText(reply);
                }
            }
            case "leave" -> endpoint.leave(session);
            default -> throw DISPATCH_KEY.unknown(message, key);
        }
        return null;
    }

    @Override
    public boolean onError(WebSocketSession session, Throwable error) {
        if (error instanceof MessageDecodeException e) {
            endpoint.badMessage(session, e);
            return true;
        }
        return false;
    }
}
