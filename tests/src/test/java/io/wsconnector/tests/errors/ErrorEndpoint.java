package io.wsconnector.tests.errors;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.wsconnector.annotations.OnBinaryMessage;
import io.wsconnector.annotations.OnClose;
import io.wsconnector.annotations.OnError;
import io.wsconnector.annotations.OnOpen;
import io.wsconnector.annotations.OnTextMessage;
import io.wsconnector.annotations.QueryParam;
import io.wsconnector.annotations.WebSocketUpgradePath;
import io.wsconnector.runtime.HandshakeRequest;
import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.tests.Recorder;

/**
 * Three {@code @OnError} methods, declared from the most general type to the most specific one
 * ({@code Exception}, {@code IllegalArgumentException}, {@code NumberFormatException}): each records a
 * {@link Recorder.Call} and answers {@code "<type> handler: <message>"}. The {@code Exception} handler rethrows
 * an exception whose message is {@value #RETHROW}.
 *
 * <p>Text messages: {@code iae}, {@code nfe}, {@code ise} and {@code checked} throw an
 * {@code IllegalArgumentException}, a {@code NumberFormatException}, an {@code IllegalStateException} and an
 * {@code IOException} with that message; {@value #RETHROW} throws an {@code IllegalStateException};
 * {@value #ERROR} throws an {@link AssertionError} (no handler matches) with the message {@value #SECRET};
 * {@code async-iae} returns a stage that failed already, {@code async-nfe} one that fails later on another
 * thread, {@code async-error} one failed with an {@code AssertionError}; anything else is answered
 * {@code "echo:" + message} by a completed stage. A binary message throws an {@code IllegalArgumentException}
 * {@code "binary"}; with {@code ?failOpen=true}, {@code @OnOpen} throws an {@code IllegalArgumentException}
 * {@code "open"}.
 */
@WebSocketUpgradePath("/errors")
public class ErrorEndpoint {
    static final String RETHROW = "rethrow";
    static final String ERROR = "error";
    static final String SECRET = "secret-detail-of-ErrorEndpoint-c04d";

    private final Recorder recorder;

    public ErrorEndpoint() {
        this(new Recorder());
    }

    ErrorEndpoint(Recorder recorder) {
        this.recorder = recorder;
    }

    @OnError
    void anyException(Exception error, WebSocketSession session) throws Exception {
        recorder.record(Recorder.Call.of("OnError(Exception)", error.getClass().getSimpleName(), error.getMessage()));
        if (RETHROW.equals(error.getMessage())) {
            throw new IllegalStateException("thrown by @OnError: " + SECRET);
        }
        session.sendText("Exception handler: " + error.getMessage());
    }

    @OnError
    void badArgument(WebSocketSession session, IllegalArgumentException error) {
        recorder.record(Recorder.Call.of("OnError(IllegalArgumentException)", error.getClass().getSimpleName(),
                error.getMessage()));
        session.sendText("IllegalArgumentException handler: " + error.getMessage());
    }

    @OnError
    void badNumber(NumberFormatException error, HandshakeRequest request, WebSocketSession session) {
        recorder.record(Recorder.Call.of("OnError(NumberFormatException)", error.getClass().getSimpleName(),
                error.getMessage()));
        session.sendText("NumberFormatException handler on " + request.path() + ": " + error.getMessage());
    }

    @OnOpen
    void open(@QueryParam Optional<Boolean> failOpen) {
        recorder.record(Recorder.Call.of("OnOpen", failOpen));
        if (failOpen.orElse(false)) {
            throw new IllegalArgumentException("open");
        }
    }

    @OnTextMessage
    CompletionStage<String> text(String message) throws IOException {
        recorder.record(Recorder.Call.of("OnTextMessage", message));
        switch (message) {
            case "iae" -> throw new IllegalArgumentException(message);
            case "nfe" -> throw new NumberFormatException(message);
            case "ise", RETHROW -> throw new IllegalStateException(message);
            case "checked" -> throw new IOException(message);
            case ERROR -> throw new AssertionError(SECRET);
            case "async-iae" -> {
                return CompletableFuture.failedFuture(new IllegalArgumentException(message));
            }
            case "async-nfe" -> {
                CompletableFuture<String> later = new CompletableFuture<>();
                Thread.ofVirtual().start(() -> later.completeExceptionally(new NumberFormatException(message)));
                return later;
            }
            case "async-error" -> {
                return CompletableFuture.failedFuture(new AssertionError(SECRET));
            }
            default -> {
                return CompletableFuture.completedFuture("echo:" + message);
            }
        }
    }

    @OnBinaryMessage
    void binary(byte[] message) {
        recorder.record(Recorder.Call.of("OnBinaryMessage", message.length));
        throw new IllegalArgumentException("binary");
    }

    @OnClose
    void close(int statusCode) {
        recorder.record(Recorder.Call.of("OnClose", statusCode));
    }
}
