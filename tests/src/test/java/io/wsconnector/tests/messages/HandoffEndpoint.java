package io.wsconnector.tests.messages;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

import io.wsconnector.annotations.OnError;
import io.wsconnector.annotations.OnTextMessage;
import io.wsconnector.annotations.WebSocketUpgradePath;
import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.tests.Recorder;

/**
 * Sends from its own handler and, at the same time, from another thread. For each text message
 * {@code R:K} (a round number and a count), the handler
 * <ol>
 * <li>sends {@code "R a"} (batched: the handler has not returned);</li>
 * <li>hands {@code K} sends of {@code "R b0"} ... {@code "R b<K-1>"} to the executor (every other one with
 * {@code sendTextAsync}), and waits until {@code "R b0"} has been sent, so that it went to the send queue
 * while {@code "R a"} was still in the batch;</li>
 * <li>sends {@code "R c"}, and returns {@code "R d"}.</li>
 * </ol>
 * Problems (a wait that timed out, a failed send, an exception) are recorded as {@link Recorder.Outcome}s.
 */
@WebSocketUpgradePath("/handoff")
public class HandoffEndpoint {
    private final Recorder recorder;
    private final Executor executor;

    public HandoffEndpoint() {
        this(new Recorder(), ForkJoinPool.commonPool());
    }

    HandoffEndpoint(Recorder recorder, Executor executor) {
        this.recorder = recorder;
        this.executor = executor;
    }

    @OnTextMessage
    String text(WebSocketSession session, String message) throws InterruptedException {
        String[] parts = message.split(":");
        String round = parts[0];
        int count = Integer.parseInt(parts[1]);
        session.sendText(round + " a");
        CountDownLatch firstSent = new CountDownLatch(1);
        executor.execute(() -> {
            try {
                for (int i = 0; i < count; i++) {
                    String text = round + " b" + i;
                    if (i % 2 == 0) {
                        session.sendText(text);
                    } else {
                        session.sendTextAsync(text).whenComplete((ignored, failure) -> {
                            if (failure != null) {
                                recorder.record(new Recorder.Outcome(session.id(), "async send failed: " + failure));
                            }
                        });
                    }
                    firstSent.countDown();
                }
            } catch (RuntimeException e) {
                recorder.record(new Recorder.Outcome(session.id(), "executor send threw " + e));
                firstSent.countDown();
            }
        });
        if (!firstSent.await(30, TimeUnit.SECONDS)) {
            recorder.record(new Recorder.Outcome(session.id(), "round " + round + ": b0 was not sent within 30 s"));
        }
        session.sendText(round + " c");
        return round + " d";
    }

    @OnError
    void error(Throwable error, WebSocketSession session) {
        recorder.record(new Recorder.Outcome(session.id(), "error " + error));
    }
}
