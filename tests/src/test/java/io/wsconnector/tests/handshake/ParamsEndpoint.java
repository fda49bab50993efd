package io.wsconnector.tests.handshake;

import java.util.Optional;
import java.util.UUID;

import io.wsconnector.annotations.HeaderParam;
import io.wsconnector.annotations.OnClose;
import io.wsconnector.annotations.OnOpen;
import io.wsconnector.annotations.OnTextMessage;
import io.wsconnector.annotations.OnUpgrade;
import io.wsconnector.annotations.QueryParam;
import io.wsconnector.annotations.WebSocketUpgradePath;
import io.wsconnector.runtime.HandshakeRequest;
import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.tests.Recorder;

/**
 * Query parameters and headers, required and {@code Optional}, typed:
 * <ul>
 * <li>{@code nick}: required {@code String} query parameter (name taken from the Java parameter);</li>
 * <li>{@code age}: optional {@code Integer} query parameter; {@code mode}: optional enum query parameter;</li>
 * <li>{@code X-Client-Version}: required {@code int} header; {@code X-Trace-Id}: optional {@code UUID} header.</li>
 * </ul>
 * {@code @OnUpgrade} and {@code @OnOpen} record a {@link Recorder.Call}; a text message is answered with what
 * the handler sees: {@value #VALUES} with its handshake-value parameters, {@value #REQUEST} with its
 * {@link HandshakeRequest} parameter.
 */
@WebSocketUpgradePath("/params")
public class ParamsEndpoint {
    static final String VALUES = "values";
    static final String REQUEST = "request";

    /** An enum query parameter. */
    enum Mode {
        FAST, SAFE
    }

    private final Recorder recorder;

    public ParamsEndpoint() {
        this(new Recorder());
    }

    ParamsEndpoint(Recorder recorder) {
        this.recorder = recorder;
    }

    @OnUpgrade
    void upgrade(HandshakeRequest request, @QueryParam String nick) {
        recorder.record(Recorder.Call.of("OnUpgrade", nick));
    }

    @OnOpen
    void open(@QueryParam String nick, @QueryParam("age") Optional<Integer> age,
              @HeaderParam("X-Client-Version") int clientVersion, @HeaderParam("X-Trace-Id") Optional<UUID> traceId,
              @QueryParam Optional<Mode> mode) {
        recorder.record(Recorder.Call.of("OnOpen", nick, age, clientVersion, traceId, mode));
    }

    @OnTextMessage
    String text(String message, HandshakeRequest request, WebSocketSession session,
                @QueryParam("nick") String nick, @HeaderParam("x-client-version") Integer version) {
        return switch (message) {
            case VALUES -> "nick=" + nick + " version=" + version;
            case REQUEST -> "path=" + request.path()
                    + " nick=" + request.queryParam("nick").orElse("-")
                    + " all=" + request.queryParams("nick")
                    + " missing=" + request.queryParam("missing").isPresent()
                    + " header=" + request.header("X-CLIENT-VERSION").orElse("-")
                    + " multi=" + request.header("X-Multi").orElse("-")
                    + " loopback=" + request.remoteAddress().getAddress().isLoopbackAddress()
                    + " offered=" + request.requestedSubprotocols()
                    + " subprotocol=" + request.subprotocol().orElse("-")
                    + " sameAsSession=" + (request == session.handshake());
            default -> message;
        };
    }

    @OnClose
    void close(int statusCode, @QueryParam String nick) {
        recorder.record(Recorder.Call.of("OnClose", statusCode, nick));
    }
}
