package io.wsconnector.tests;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.wsconnector.annotations.BasePath;
import io.wsconnector.annotations.OnBinaryMessage;
import io.wsconnector.annotations.OnClose;
import io.wsconnector.annotations.OnError;
import io.wsconnector.annotations.OnOpen;
import io.wsconnector.annotations.OnPing;
import io.wsconnector.annotations.OnPong;
import io.wsconnector.annotations.OnTextMessage;
import io.wsconnector.annotations.OnUpgrade;
import io.wsconnector.annotations.PathParam;
import io.wsconnector.annotations.WebSocketUpgradePath;
import io.wsconnector.runtime.HandshakeRequest;
import io.wsconnector.runtime.WebSocketSession;

/**
 * Served at {@code /rooms/{room}/{userId}} (a template split between base path and upgrade path): every handler
 * takes both path parameters and records them in a {@link Recorder.Call}. Text is answered with
 * {@code "room/userId: message"} (the message {@value #FAIL} throws an {@link IllegalArgumentException}, which
 * {@code @OnError} answers with {@code "error in room/userId"}); binary is answered with
 * {@code "room/userId:"} followed by the message's bytes.
 */
@BasePath("/rooms/{room}")
@WebSocketUpgradePath("/{userId}")
public class RoomEndpoint {
    public static final String FAIL = "fail";

    private final Recorder recorder;

    public RoomEndpoint() {
        this(new Recorder());
    }

    public RoomEndpoint(Recorder recorder) {
        this.recorder = recorder;
    }

    @OnUpgrade
    void upgrade(@PathParam String room, @PathParam("userId") int user, HandshakeRequest request) {
        recorder.record(Recorder.Call.of("OnUpgrade", room, user));
        recorder.record(Recorder.Call.of("request", request.path(), request.pathParam("room"),
                request.pathParams()));
    }

    @OnOpen
    void open(WebSocketSession session, @PathParam("userId") int user, @PathParam String room) {
        recorder.record(Recorder.Call.of("OnOpen", room, user));
        recorder.record(Recorder.Call.of("session", session.pathParam("room"), session.pathParam("userId"),
                session.pathParam("nope")));
    }

    @OnTextMessage
    String text(@PathParam String room, String message, @PathParam("userId") int user) {
        recorder.record(Recorder.Call.of("OnTextMessage", room, user, message));
        if (message.equals(FAIL)) {
            throw new IllegalArgumentException(message);
        }
        return room + "/" + user + ": " + message;
    }

    @OnBinaryMessage
    byte[] binary(byte[] message, @PathParam String room, @PathParam("userId") int user) {
        recorder.record(Recorder.Call.of("OnBinaryMessage", room, user, message.length));
        byte[] prefix = (room + "/" + user + ":").getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(prefix.length + message.length).put(prefix).put(message).array();
    }

    @OnPing
    void ping(byte[] payload, @PathParam String room, @PathParam("userId") int user) {
        recorder.record(Recorder.Call.of("OnPing", room, user, new String(payload, StandardCharsets.UTF_8)));
    }

    @OnPong
    void pong(@PathParam("userId") int user, @PathParam String room, ByteBuffer payload) {
        recorder.record(Recorder.Call.of("OnPong", room, user, StandardCharsets.UTF_8.decode(payload).toString()));
    }

    @OnError
    void error(IllegalArgumentException error, WebSocketSession session, @PathParam String room,
               @PathParam("userId") int user) {
        recorder.record(Recorder.Call.of("OnError", room, user, error.getMessage()));
        session.sendText("error in " + room + "/" + user);
    }

    @OnClose
    void close(int statusCode, @PathParam String room, @PathParam("userId") int user) {
        recorder.record(Recorder.Call.of("OnClose", room, user, statusCode));
    }
}
