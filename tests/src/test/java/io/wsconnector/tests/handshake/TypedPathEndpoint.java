package io.wsconnector.tests.handshake;

import java.util.UUID;

import io.wsconnector.annotations.OnClose;
import io.wsconnector.annotations.OnOpen;
import io.wsconnector.annotations.OnTextMessage;
import io.wsconnector.annotations.OnUpgrade;
import io.wsconnector.annotations.PathParam;
import io.wsconnector.annotations.WebSocketUpgradePath;
import io.wsconnector.tests.Recorder;

/**
 * Path parameters of every supported type: {@code String}, {@code int}, {@code long}, {@code boolean},
 * {@code UUID} and an enum, primitive in {@code @OnUpgrade} and boxed in {@code @OnOpen}. Each handler records
 * a {@link Recorder.Call} with the values it got; a text message is answered with
 * {@code "text|id|color|message"}.
 */
@WebSocketUpgradePath("/typed/{text}/{number}/{big}/{flag}/{id}/{color}")
public class TypedPathEndpoint {
    /** Matched by constant name, exactly. */
    enum Color {
        RED, GREEN, BLUE
    }

    private final Recorder recorder;

    public TypedPathEndpoint() {
        this(new Recorder());
    }

    TypedPathEndpoint(Recorder recorder) {
        this.recorder = recorder;
    }

    @OnUpgrade
    void upgrade(@PathParam String text, @PathParam int number, @PathParam long big, @PathParam boolean flag,
                 @PathParam UUID id, @PathParam Color color) {
        recorder.record(Recorder.Call.of("OnUpgrade", text, number, big, flag, id, color));
    }

    @OnOpen
    void open(@PathParam("number") Integer number, @PathParam("big") Long big, @PathParam("flag") Boolean flag,
              @PathParam("color") Color color) {
        recorder.record(Recorder.Call.of("OnOpen", number, big, flag, color));
    }

    @OnTextMessage
    String text(String message, @PathParam("id") UUID id, @PathParam("text") String text,
                @PathParam("color") Color color) {
        recorder.record(Recorder.Call.of("OnTextMessage", message));
        return text + "|" + id + "|" + color + "|" + message;
    }

    @OnClose
    void close(@PathParam Color color, int statusCode) {
        recorder.record(Recorder.Call.of("OnClose", color, statusCode));
    }
}
