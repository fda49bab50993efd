package io.wsconnector.tests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A {@link java.net.http.WebSocket} of the JDK that collects whole text messages and the server's close.
 */
final class JdkClient {
    static final long TIMEOUT_SECONDS = 10;

    /** A close frame received from the server. */
    record Close(int statusCode, String reason) {
    }

    private final WebSocket webSocket;
    private final Listener listener;

    private JdkClient(WebSocket webSocket, Listener listener) {
        this.webSocket = webSocket;
        this.listener = listener;
    }

    static JdkClient connect(HttpClient http, URI uri) throws Exception {
        return connect(http, uri, builder -> { });
    }

    /** Connects with the handshake adjusted, e.g. {@code builder -> builder.header("X-A", "1").subprotocols("a")}. */
    static JdkClient connect(HttpClient http, URI uri, Consumer<WebSocket.Builder> handshake) throws Exception {
        Listener listener = new Listener();
        WebSocket.Builder builder = http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(TIMEOUT_SECONDS));
        handshake.accept(builder);
        WebSocket webSocket = builder
                .buildAsync(uri, listener)
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return new JdkClient(webSocket, listener);
    }

    /** The subprotocol the server chose, or {@code ""} if none. */
    String subprotocol() {
        return webSocket.getSubprotocol();
    }

    /** Sends a whole text message and waits until it is written. */
    JdkClient send(String text) throws Exception {
        webSocket.sendText(text, true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return this;
    }

    /** Sends one text message in several frames, one per part. */
    JdkClient sendFragments(String... parts) throws Exception {
        for (int i = 0; i < parts.length; i++) {
            webSocket.sendText(parts[i], i == parts.length - 1).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        return this;
    }

    JdkClient sendBinary(byte[] data) throws Exception {
        webSocket.sendBinary(ByteBuffer.wrap(data), true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return this;
    }

    /** Sends a close frame and waits until it is written. */
    void close(int statusCode, String reason) throws Exception {
        webSocket.sendClose(statusCode, reason).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** The next whole text message from the server. */
    String nextMessage() throws InterruptedException {
        Object event = listener.events.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(event, "no message within " + TIMEOUT_SECONDS + " s");
        if (!(event instanceof String text)) {
            throw new AssertionError("expected a text message but got " + event);
        }
        return text;
    }

    /** The next thing that arrived: a text message (String), binary (byte[]), {@link Close} or an error. */
    Object nextEvent() throws InterruptedException {
        Object event = listener.events.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(event, "nothing arrived within " + TIMEOUT_SECONDS + " s");
        return event;
    }

    /** The close the server sent, after any messages (which are skipped). */
    Close awaitClose() throws Exception {
        return listener.close.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Fails if anything arrived (message, close or error) that has not been taken. */
    void assertNothingPending() {
        assertNull(listener.events.peek(), "unexpected event");
        assertNull(listener.close.getNow(null), "unexpected close");
    }

    boolean isOpen() {
        return !webSocket.isInputClosed() && !webSocket.isOutputClosed() && !listener.close.isDone();
    }

    void abort() {
        webSocket.abort();
    }

    private static final class Listener implements WebSocket.Listener {
        final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        final CompletableFuture<Close> close = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                events.add(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            events.add(bytes);
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            Close received = new Close(statusCode, reason);
            events.add(received);
            close.complete(received);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            events.add(error);
            close.completeExceptionally(error);
        }
    }
}
