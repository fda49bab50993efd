package io.wsconnector.tests.messages;

import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;

import io.wsconnector.annotations.OnBinaryMessage;
import io.wsconnector.annotations.OnTextMessage;
import io.wsconnector.annotations.WebSocketUpgradePath;
import io.wsconnector.tests.Recorder;

/**
 * Replies later, with {@code CompletionStage}s:
 * <ul>
 * <li>text {@code hold:X}: returns a pending {@code CompletableFuture<String>} that it puts on the queue
 * {@link #held} for the test to complete;</li>
 * <li>text {@value #NULL}: a stage completed with {@code null} (nothing is sent);</li>
 * <li>other text: a stage already completed with the message in upper case;</li>
 * <li>binary: a {@code CompletionStage<byte[]>} completed on another thread with the bytes reversed.</li>
 * </ul>
 * Each message handled is recorded in a {@link Recorder.Call}.
 */
@WebSocketUpgradePath("/async")
public class AsyncEndpoint {
    static final String NULL = "null";

    private final Recorder recorder;
    private final BlockingQueue<CompletableFuture<String>> held;

    public AsyncEndpoint() {
        this(new Recorder(), new LinkedBlockingQueue<>());
    }

    AsyncEndpoint(Recorder recorder, BlockingQueue<CompletableFuture<String>> held) {
        this.recorder = recorder;
        this.held = held;
    }

    @OnTextMessage
    CompletableFuture<String> text(String message) {
        recorder.record(Recorder.Call.of("OnTextMessage", message));
        if (message.startsWith("hold:")) {
            CompletableFuture<String> later = new CompletableFuture<>();
            held.add(later);
            return later;
        }
        if (message.equals(NULL)) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.completedFuture(message.toUpperCase(Locale.ROOT));
    }

    @OnBinaryMessage
    CompletionStage<byte[]> binary(byte[] message) {
        recorder.record(Recorder.Call.of("OnBinaryMessage", message.length));
        return CompletableFuture.supplyAsync(() -> {
            byte[] reversed = new byte[message.length];
            for (int i = 0; i < message.length; i++) {
                reversed[i] = message[message.length - 1 - i];
            }
            return reversed;
        });
    }
}
