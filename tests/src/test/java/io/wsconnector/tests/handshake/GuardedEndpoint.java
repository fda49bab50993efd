package io.wsconnector.tests.handshake;

import java.util.Locale;
import java.util.Optional;

import io.wsconnector.annotations.OnClose;
import io.wsconnector.annotations.OnOpen;
import io.wsconnector.annotations.OnTextMessage;
import io.wsconnector.annotations.OnUpgrade;
import io.wsconnector.annotations.QueryParam;
import io.wsconnector.annotations.WebSocketUpgradePath;
import io.wsconnector.runtime.HandshakeRequest;
import io.wsconnector.runtime.UpgradeRejectedException;
import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.tests.Recorder;

/**
 * Authenticates in {@code @OnUpgrade} with the query parameter {@code token}:
 * <ul>
 * <li>none: 401 {@value #MISSING_TOKEN};</li>
 * <li>{@value #FORBIDDEN_TOKEN}: 403 {@value #FORBIDDEN_BODY};</li>
 * <li>{@value #BUSY_TOKEN}: 429 {@value #BUSY_BODY};</li>
 * <li>{@value #CRASH_TOKEN}: throws an {@link IllegalStateException} whose message is {@value #SECRET};</li>
 * <li>{@code user-NAME}: accepted; stores {@code NAME} in upper case as the session attribute {@code user}
 * and as it is in a field, for {@code @OnOpen} and {@code @OnTextMessage};</li>
 * <li>anything else: 401 {@value #UNKNOWN_TOKEN}.</li>
 * </ul>
 * Every handler records a {@link Recorder.Call}; {@code @OnUpgrade} also tries to send and to close, and records
 * what came of it. {@code @OnOpen} sends {@code "welcome " + user attribute}; each text message is answered with
 * what the handler sees.
 */
@WebSocketUpgradePath("/guarded")
public class GuardedEndpoint {
    static final String MISSING_TOKEN = "A valid token is required";
    static final String UNKNOWN_TOKEN = "Unknown token";
    static final String FORBIDDEN_TOKEN = "forbidden";
    static final String FORBIDDEN_BODY = "This token may not join";
    static final String BUSY_TOKEN = "busy";
    static final String BUSY_BODY = "Too many connections, try again later";
    static final String CRASH_TOKEN = "crash";
    static final String SECRET = "secret-detail-of-GuardedEndpoint-5be1";

    private final Recorder recorder;
    /** Set by {@code @OnUpgrade}, read by later handlers of the same connection. */
    private String user;

    public GuardedEndpoint() {
        this(new Recorder());
    }

    GuardedEndpoint(Recorder recorder) {
        this.recorder = recorder;
    }

    @OnUpgrade
    void authenticate(HandshakeRequest request, @QueryParam("token") Optional<String> token, WebSocketSession session) {
        recorder.record(Recorder.Call.of("OnUpgrade", token.orElse(null), request.path(), whatSendingDoes(session)));
        String value = token.orElseThrow(() -> new UpgradeRejectedException(401, MISSING_TOKEN));
        switch (value) {
            case FORBIDDEN_TOKEN -> throw new UpgradeRejectedException(403, FORBIDDEN_BODY);
            case BUSY_TOKEN -> throw new UpgradeRejectedException(429, BUSY_BODY);
            case CRASH_TOKEN -> throw new IllegalStateException(SECRET);
            default -> {
                if (!value.startsWith("user-")) {
                    throw new UpgradeRejectedException(401, UNKNOWN_TOKEN);
                }
            }
        }
        user = value.substring("user-".length());
        session.attribute("user", user.toUpperCase(Locale.ROOT));
    }

    /** What sending and closing do before the 101, and whether the session says it is open. */
    private static String whatSendingDoes(WebSocketSession session) {
        String send;
        try {
            session.sendText("too early");
            send = "sent";
        } catch (RuntimeException e) {
            send = e.getClass().getSimpleName();
        }
        String close;
        try {
            session.close();
            close = "closed";
        } catch (RuntimeException e) {
            close = e.getClass().getSimpleName();
        }
        return "send: " + send + ", close: " + close + ", open: " + session.isOpen();
    }

    @OnOpen
    void opened(WebSocketSession session) {
        String attribute = session.attribute("user");
        recorder.record(Recorder.Call.of("OnOpen", attribute, user, session.isOpen()));
        session.sendText("welcome " + attribute);
    }

    @OnTextMessage
    String message(String message, WebSocketSession session) {
        recorder.record(Recorder.Call.of("OnTextMessage", message));
        return "attribute=" + session.attribute("user") + " field=" + user + " message=" + message;
    }

    @OnClose
    void closed(int statusCode) {
        recorder.record(Recorder.Call.of("OnClose", statusCode, user));
    }
}
