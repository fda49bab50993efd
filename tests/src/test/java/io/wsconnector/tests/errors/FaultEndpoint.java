package io.wsconnector.tests.errors;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.wsconnector.annotations.OnClose;
import io.wsconnector.annotations.OnOpen;
import io.wsconnector.annotations.OnTextMessage;
import io.wsconnector.annotations.WebSocketUpgradePath;
import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.tests.LifecycleEndpoint;
import io.wsconnector.tests.Recorder;

/**
 * Misbehaving handlers, for the fault tests. Records open, messages and close like {@link LifecycleEndpoint};
 * <ul>
 * <li>{@value #BLOCK}: records the outcome {@code "blocking"}, then blocks its connection's thread until the
 * test releases it (at most {@value #BLOCK_SECONDS} s), records {@code "unblocked"} and answers
 * {@code "unblocked"};</li>
 * <li>any other message is answered with itself.</li>
 * </ul>
 * Its {@code @OnClose} tries to send a message, and records what came of it as an outcome
 * ({@code "onclose: IllegalStateException"} or {@code "onclose: sent"}).
 */
@WebSocketUpgradePath("/fault")
public class FaultEndpoint {
    static final String BLOCK = "block";
    static final int BLOCK_SECONDS = 10;

    private final Recorder recorder;
    private final CountDownLatch release;

    public FaultEndpoint() {
        this(new Recorder(), new CountDownLatch(0));
    }

    FaultEndpoint(Recorder recorder, CountDownLatch release) {
        this.recorder = recorder;
        this.release = release;
    }

    @OnOpen
    void opened(WebSocketSession session) {
        recorder.record(new Recorder.Opened(session, session.id(), session.isOpen()));
    }

    @OnTextMessage
    String message(WebSocketSession session, String message) throws InterruptedException {
        recorder.record(new Recorder.Message(session.id(), message));
        if (message.equals(BLOCK)) {
            recorder.record(new Recorder.Outcome(session.id(), "blocking"));
            boolean released = release.await(BLOCK_SECONDS, TimeUnit.SECONDS);
            recorder.record(new Recorder.Outcome(session.id(), released ? "unblocked" : "unblocked by timeout"));
            return "unblocked";
        }
        return message;
    }

    @OnClose
    void closed(WebSocketSession session, int statusCode, String reason) {
        recorder.record(new Recorder.Closed(session.id(), statusCode, reason, session.isOpen()));
        String outcome;
        try {
            session.sendText("sent from @OnClose");
            outcome = "sent";
        } catch (IllegalStateException e) {
            outcome = "IllegalStateException";
        } catch (RuntimeException e) {
            outcome = e.getClass().getSimpleName();
        }
        recorder.record(new Recorder.Outcome(session.id(), "onclose: " + outcome));
    }
}
