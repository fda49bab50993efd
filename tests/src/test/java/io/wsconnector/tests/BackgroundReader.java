package io.wsconnector.tests;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Reads the frames of a {@link RawWebSocketClient} on a thread of its own, without read timeout, until the
 * server ends the connection (or the client is closed): a client that keeps up, while the test sends. The
 * test takes the frames in order with {@link #next()}, or looks at all of them.
 */
final class BackgroundReader implements AutoCloseable {
    static final long TIMEOUT_SECONDS = 10;

    private final RawWebSocketClient client;
    private final Consumer<RawWebSocketClient.Frame> onFrame;
    private final BlockingQueue<RawWebSocketClient.Frame> pending = new LinkedBlockingQueue<>();
    private final List<RawWebSocketClient.Frame> all = new ArrayList<>();
    /** Completes with how the reading ended: the end of stream, a reset, or a client-side close. */
    private final CompletableFuture<IOException> ended = new CompletableFuture<>();
    private final Thread thread;

    private BackgroundReader(RawWebSocketClient client, Consumer<RawWebSocketClient.Frame> onFrame, String name) {
        this.client = client;
        this.onFrame = onFrame;
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::readAll);
    }

    /** Starts reading the client's frames now. */
    static BackgroundReader start(RawWebSocketClient client, String name) {
        return start(client, name, frame -> { });
    }

    /** Starts reading the client's frames now; {@code onFrame} runs on the reading thread for each frame. */
    static BackgroundReader start(RawWebSocketClient client, String name,
                                  Consumer<RawWebSocketClient.Frame> onFrame) {
        BackgroundReader reader = new BackgroundReader(client, onFrame, name);
        reader.thread.start();
        return reader;
    }

    private void readAll() {
        try {
            client.readTimeout(0);
            while (true) {
                RawWebSocketClient.Frame frame = client.readFrame();
                synchronized (all) {
                    all.add(frame);
                }
                pending.add(frame);
                onFrame.accept(frame);
            }
        } catch (EOFException | SocketException e) {
            ended.complete(e);
        } catch (IOException | RuntimeException | Error e) {
            ended.completeExceptionally(e);
        }
    }

    /** The next frame not taken yet, waiting up to {@value #TIMEOUT_SECONDS} s. */
    RawWebSocketClient.Frame next() throws InterruptedException {
        RawWebSocketClient.Frame frame = pending.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(frame, () -> "no frame within " + TIMEOUT_SECONDS + " s; " + frames().size()
                + " received so far, reading " + (ended.isDone() ? "ended: " + ended : "goes on"));
        return frame;
    }

    /** The next frame, which must be a text frame: its text. */
    String nextText() throws InterruptedException {
        RawWebSocketClient.Frame frame = next();
        assertEquals(RawWebSocketClient.TEXT, frame.opcode(), () -> "expected a text frame, got " + frame);
        return frame.text();
    }

    /** Every frame received so far, taken or not. */
    List<RawWebSocketClient.Frame> frames() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    /**
     * Waits until the server ends the connection, at most {@code timeoutSeconds}, and returns every frame
     * received.
     */
    List<RawWebSocketClient.Frame> awaitEnd(long timeoutSeconds) throws Exception {
        try {
            ended.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            fail("the server did not end the connection within " + timeoutSeconds + " s; " + frames().size()
                    + " frames received, the last: " + (frames().isEmpty() ? "none" : frames().getLast()));
        }
        return frames();
    }

    /** Whether the reading has ended (the server ended the connection or the client was closed). */
    boolean hasEnded() {
        return ended.isDone();
    }

    /** Closes the client (which ends the reading) and waits for the reading thread. */
    @Override
    public void close() throws IOException {
        client.close();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
