package io.wsconnector.tests.limits;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.wsconnector.testsupport.RawWebSocketClient;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An honest client of {@link LargeEchoEndpoint} that sends a short text every {@value #PERIOD_MILLIS} ms and
 * waits for its echo, on a thread of its own, while a test attacks the server: it must be served throughout.
 * An echo may take up to {@value #ECHO_TIMEOUT_MILLIS} ms (a loaded machine, a server busy with an attack).
 */
final class Canary implements AutoCloseable {
    static final int PERIOD_MILLIS = 100;
    static final int ECHO_TIMEOUT_MILLIS = 10_000;

    private final RawWebSocketClient client;
    private final AtomicInteger echoes = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean stopped;

    private Canary(RawWebSocketClient client) {
        this.client = client;
        this.thread = Thread.ofPlatform().daemon().name("canary").start(this::run);
    }

    /** Connects to the echo endpoint of the server on {@code port} and starts echoing. */
    static Canary start(int port) throws IOException {
        return new Canary(RawWebSocketClient.connect(port, "/large-echo"));
    }

    private void run() {
        try {
            client.readTimeout(ECHO_TIMEOUT_MILLIS);
            for (int i = 0; !stopped; i++) {
                String text = "canary " + i;
                client.sendText(text);
                String echo = client.readText();
                if (!echo.equals(text)) {
                    throw new AssertionError("the canary sent '" + text + "' and got '" + echo + "'");
                }
                echoes.incrementAndGet();
                Thread.sleep(PERIOD_MILLIS);
            }
        } catch (Throwable e) {
            if (!stopped) {
                failure.set(e);
            }
        }
    }

    /** How many echoes the canary has received. */
    int echoes() {
        return echoes.get();
    }

    /**
     * Checks that the canary has been served without a failure so far, and waits until it gets
     * {@code more} echoes beyond those it had: it is served now, too.
     */
    void assertServed(int more) throws InterruptedException {
        int target = echoes.get() + more;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (echoes.get() < target && failure.get() == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertNull(failure.get(), () -> "the canary failed after " + echoes.get() + " echoes: " + failure.get());
        assertTrue(echoes.get() >= target, () -> "the canary got " + echoes.get() + " echoes, not " + target);
    }

    @Override
    public void close() throws IOException {
        stopped = true;
        client.close();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
