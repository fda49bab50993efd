package io.wsconnector.runtime;

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

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The JDK's {@link WebSocket}, collecting whole messages and the server's close. It answers the server's
 * pings with pongs by itself.
 */
final class JdkClient {
    static final long TIMEOUT_SECONDS = 10;

    /** A close frame from the server. */
    record Close(int statusCode, String reason) {
    }

    private final WebSocket webSocket;
    private final Listener listener;

    private JdkClient(WebSocket webSocket, Listener listener) {
        this.webSocket = webSocket;
        this.listener = listener;
    }

    static JdkClient connect(HttpClient http, URI uri, String... subprotocols) throws Exception {
        Listener listener = new Listener();
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(TIMEOUT_SECONDS));
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        WebSocket webSocket = builder.buildAsync(uri, listener).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return new JdkClient(webSocket, listener);
    }

    String subprotocol() {
        return webSocket.getSubprotocol();
    }

    JdkClient send(String text) throws Exception {
        webSocket.sendText(text, true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return this;
    }

    void close(int statusCode, String reason) throws Exception {
        webSocket.sendClose(statusCode, reason).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** The next whole message: a String, a byte[], a {@link Close} or an error. */
    Object next() throws InterruptedException {
        Object event = listener.events.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(event, "nothing arrived within " + TIMEOUT_SECONDS + " s");
        return event;
    }

    String nextText() throws InterruptedException {
        Object event = next();
        if (!(event instanceof String text)) {
            throw new AssertionError("expected a text message, got " + event);
        }
        return text;
    }

    /** The server's close, after any messages (skipped). */
    Close awaitClose() throws Exception {
        return listener.close.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
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
