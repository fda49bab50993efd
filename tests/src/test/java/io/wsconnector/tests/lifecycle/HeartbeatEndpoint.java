package io.wsconnector.tests.lifecycle;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.wsconnector.annotations.OnPing;
import io.wsconnector.annotations.OnPong;
import io.wsconnector.annotations.OnTextMessage;
import io.wsconnector.annotations.WebSocketUpgradePath;
import io.wsconnector.runtime.HandshakeRequest;
import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.tests.Recorder;

/**
 * Pings and pongs. {@code @OnPing} records the payload and answers {@code "saw ping <payload>"}; with the payload
 * {@value #BLOCK} it first records {@code "blocking"} and waits (at most {@value #BLOCK_SECONDS} s) for the test
 * to release it; with {@value #THROW} it throws. {@code @OnPong} records its payload and the request's path.
 * Text {@code ping:X} makes the server send a ping with the payload {@code X}; text {@value #BIG_PING} tries a
 * 126-byte ping and answers what came of it.
 */
@WebSocketUpgradePath("/heartbeat")
public class HeartbeatEndpoint {
    static final String BLOCK = "block";
    static final String THROW = "throw";
    static final String BIG_PING = "big-ping";
    static final int BLOCK_SECONDS = 10;

    private final Recorder recorder;
    private final CountDownLatch release;

    public HeartbeatEndpoint() {
        this(new Recorder(), new CountDownLatch(0));
    }

    HeartbeatEndpoint(Recorder recorder, CountDownLatch release) {
        this.recorder = recorder;
        this.release = release;
    }

    @OnPing
    void pinged(byte[] payload, WebSocketSession session) throws InterruptedException {
        String text = new String(payload, StandardCharsets.UTF_8);
        if (text.equals(BLOCK)) {
            recorder.record(new Recorder.Outcome(session.id(), "blocking"));
            boolean released = release.await(BLOCK_SECONDS, TimeUnit.SECONDS);
            recorder.record(new Recorder.Outcome(session.id(), released ? "released" : "released by timeout"));
        }
        recorder.record(Recorder.Call.of("OnPing", text));
        if (text.equals(THROW)) {
            throw new IllegalStateException("@OnPing failed");
        }
        session.sendText("saw ping " + text);
    }

    @OnPong
    void ponged(ByteBuffer payload, HandshakeRequest request) {
        recorder.record(Recorder.Call.of("OnPong", StandardCharsets.UTF_8.decode(payload).toString(), request.path()));
    }

    @OnTextMessage
    String text(WebSocketSession session, String message) {
        if (message.startsWith("ping:")) {
            session.sendPing(message.substring("ping:".length()).getBytes(StandardCharsets.UTF_8));
            return null;
        }
        if (message.equals(BIG_PING)) {
            try {
                session.sendPing(new byte[126]);
                return "sent";
            } catch (IllegalArgumentException e) {
                return "IllegalArgumentException, open=" + session.isOpen();
            }
        }
        return message;
    }
}
