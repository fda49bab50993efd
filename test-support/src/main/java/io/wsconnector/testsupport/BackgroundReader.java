package io.wsconnector.testsupport;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Reads the frames of a {@link RawWebSocketClient} on a thread of its own, without read timeout, until the server
 * ends the connection (or the client is closed): a client that keeps up while the test sends. The test takes the
 * frames in order with {@link #next()}, or looks at all of them.
 */
public final class BackgroundReader implements AutoCloseable {
    private final RawWebSocketClient client;
    private final Consumer<RawWebSocketClient.Frame> onFrame;
    private final Inbox<RawWebSocketClient.Frame> frames = new Inbox<>("frame");
    /** Completes with how the reading ended: the end of stream, a reset, or a client-side close. */
    private final CompletableFuture<IOException> ended = new CompletableFuture<>();
    private final Thread thread;

    private BackgroundReader(RawWebSocketClient client, Consumer<RawWebSocketClient.Frame> onFrame, String name) {
        this.client = client;
        this.onFrame = onFrame;
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::readAll);
    }

    /** Starts reading the client's frames now, on a thread with this name. */
    public static BackgroundReader start(RawWebSocketClient client, String name) {
        return start(client, name, frame -> { });
    }

    /** Starts reading the client's frames now; {@code onFrame} runs on the reading thread for each frame. */
    public static BackgroundReader start(RawWebSocketClient client, String name,
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
                frames.add(frame);
                onFrame.accept(frame);
            }
        } catch (EOFException | SocketException e) {
            ended.complete(e);
        } catch (IOException | RuntimeException | Error e) {
            ended.completeExceptionally(e);
        }
    }

    /** The next frame not taken yet, waiting at most {@link Await#TIMEOUT}. */
    public RawWebSocketClient.Frame next() throws InterruptedException {
        return frames.next();
    }

    /** The next frame, which must be a text frame: its text. */
    public String nextText() throws InterruptedException {
        RawWebSocketClient.Frame frame = next();
        if (frame.opcode() != RawWebSocketClient.TEXT) {
            throw new AssertionError("awaited a text frame, got " + frame);
        }
        return frame.text();
    }

    /** Every frame received so far, taken or not. */
    public List<RawWebSocketClient.Frame> frames() {
        return frames.all();
    }

    /** Waits at most {@code timeout} until the server ends the connection, and returns every frame received. */
    public List<RawWebSocketClient.Frame> awaitEnd(Duration timeout) throws Exception {
        try {
            ended.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            List<RawWebSocketClient.Frame> received = frames();
            throw new AssertionError("awaited the end of the connection: not within " + Await.describe(timeout) + "; "
                    + received.size() + " frames received, the last: "
                    + (received.isEmpty() ? "none" : received.getLast()));
        }
        return frames();
    }

    /** Whether the reading has ended (the server ended the connection or the client was closed). */
    public boolean hasEnded() {
        return ended.isDone();
    }

    /** Closes the client (which ends the reading) and waits for the reading thread. */
    @Override
    public void close() throws IOException {
        client.close();
        try {
            thread.join(Await.TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
