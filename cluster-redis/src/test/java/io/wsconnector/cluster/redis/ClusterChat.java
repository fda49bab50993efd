package io.wsconnector.cluster.redis;

import java.util.Optional;

import io.wsconnector.annotations.OnOpen;
import io.wsconnector.annotations.OnTextMessage;
import io.wsconnector.annotations.OnUpgrade;
import io.wsconnector.annotations.PathParam;
import io.wsconnector.annotations.QueryParam;
import io.wsconnector.annotations.WebSocketUpgradePath;
import io.wsconnector.runtime.WebSocketSession;

/**
 * A room endpoint driven by commands, so that a test can make any node broadcast, send to an id, join and
 * leave: {@code all:T} to the endpoint, {@code room:T} to the room, {@code others:T} to the room but the
 * sender, {@code to:ID:T} to a session id, {@code join:R}, {@code leave:R}, {@code id} (replies its id).
 */
@WebSocketUpgradePath("/chat/{room}")
public class ClusterChat {

    @OnUpgrade
    void upgrade(WebSocketSession session, @QueryParam("nick") Optional<String> nick) {
        nick.ifPresent(value -> session.attribute("nick", value));
    }

    @OnOpen
    void open(WebSocketSession session, @PathParam String room) {
        session.join(room);
    }

    @OnTextMessage
    String command(WebSocketSession session, String text, @PathParam String room) {
        int colon = text.indexOf(':');
        String command = colon < 0 ? text : text.substring(0, colon);
        String argument = colon < 0 ? "" : text.substring(colon + 1);
        switch (command) {
            case "all" -> session.sessions().broadcastText(argument);
            case "room" -> session.sessions().room(room).broadcastText(argument);
            case "others" -> session.sessions().room(room).broadcastText(argument, session);
            case "to" -> {
                int second = argument.indexOf(':');
                return "sent " + session.sessions().sendText(argument.substring(0, second), argument.substring(second + 1));
            }
            case "join" -> session.join(argument);
            case "leave" -> session.leave(argument);
            case "id" -> {
                return session.id();
            }
            default -> {
                return "unknown " + text;
            }
        }
        return null;
    }
}
