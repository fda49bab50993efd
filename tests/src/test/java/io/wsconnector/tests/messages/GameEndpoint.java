package io.wsconnector.tests.messages;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.avaje.jsonb.Json;
import io.wsconnector.annotations.OnTextMessage;
import io.wsconnector.annotations.WebSocketUpgradePath;
import io.wsconnector.runtime.WebSocketSession;

/**
 * Typed JSON messages dispatched on {@code "type"}, each value to its own handler, with typed, async and
 * broadcast replies; no {@code @OnError}, so a message that does not decode closes the connection.
 */
@WebSocketUpgradePath(value = "/game", dispatchKey = "type")
public class GameEndpoint {
    @Json
    public record Join(String room) {
    }

    @Json
    public record Joined(String room, String by) {
    }

    @Json
    public record Move(int x, int y) {
    }

    @Json
    public record Moved(int x, int y, String by) {
    }

    @Json
    public record Say(String text) {
    }

    @OnTextMessage("join")
    Joined join(WebSocketSession session, Join join) {
        session.join(join.room());
        return new Joined(join.room(), "join");
    }

    @OnTextMessage("move")
    Moved move(Move move) {
        return new Moved(move.y(), move.x(), "move");
    }

    @OnTextMessage("later")
    CompletionStage<Moved> later(Move move) {
        return CompletableFuture.supplyAsync(() -> new Moved(move.x(), move.y(), "later"));
    }

    @OnTextMessage(value = "say", broadcast = true)
    CompletableFuture<Say> say(Say say) {
        return CompletableFuture.supplyAsync(() -> new Say(say.text() + "!"));
    }

    @OnTextMessage("raw")
    String raw(String message) {
        return "raw " + message;
    }

    @OnTextMessage("nothing")
    Moved nothing() {
        return null;
    }

    @OnTextMessage("leave")
    void leave(WebSocketSession session) {
        session.close(1000, "bye");
    }
}
