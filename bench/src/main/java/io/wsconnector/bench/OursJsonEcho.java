package io.wsconnector.bench;

import io.wsconnector.annotations.OnTextMessage;
import io.wsconnector.annotations.WebSocketUpgradePath;
import io.wsconnector.bench.JsonMessages.Join;
import io.wsconnector.bench.JsonMessages.Move;
import io.wsconnector.bench.JsonMessages.Say;

/**
 * The JSON scenario's server as a user writes it with typed messages: dispatched on {@code "type"},
 * decoded and encoded by the generated dispatcher. Compared with {@link HandJsonEcho}.
 */
@WebSocketUpgradePath(value = JsonMessages.GENERATED_PATH, dispatchKey = "type")
public class OursJsonEcho {
    @OnTextMessage("join")
    Join join(Join join) {
        return join;
    }

    @OnTextMessage("say")
    Say say(Say say) {
        return say;
    }

    @OnTextMessage("move")
    Move move(Move move) {
        return move;
    }
}
