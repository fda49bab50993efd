package io.wsconnector.testsupport;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The JDK's {@link WebSocket} as a test drives it: it collects whole messages (text as {@code String}, binary as
 * {@code byte[]}, fragments joined), the server's {@link Close} and any error, in the order they arrive, and
 * answers the server's pings by itself. Every wait lasts at most {@link Await#TIMEOUT}; one that fails says what
 * it awaited and what arrived instead.
 */
public final class JdkClient implements AutoCloseable {
    /** For clients that bring no {@link HttpClient} of their own. */
    private static final HttpClient SHARED_HTTP = HttpClient.newHttpClient();

    /** A close frame from the server. */
    public record Close(int statusCode, String reason) {
    }

    private final WebSocket webSocket;
    private final Listener listener;

    private JdkClient(WebSocket webSocket, Listener listener) {
        this.webSocket = webSocket;
        this.listener = listener;
    }

    /** Connects to {@code uri} (path and query included). */
    public static JdkClient connect(URI uri) throws Exception {
        return connect(SHARED_HTTP, uri, handshake -> { });
    }

    /**
     * Connects with the handshake adjusted, e.g. {@code handshake -> handshake.header("Origin", origin)} or
     * {@code handshake -> handshake.subprotocols("chat.v2", "chat.v1")}.
     */
    public static JdkClient connect(URI uri, Consumer<WebSocket.Builder> handshake) throws Exception {
        return connect(SHARED_HTTP, uri, handshake);
    }

    /** Connects through this HTTP client (e.g. one that trusts a test certificate). */
    public static JdkClient connect(HttpClient http, URI uri) throws Exception {
        return connect(http, uri, handshake -> { });
    }

    /** Connects through this HTTP client, with the handshake adjusted. */
    public static JdkClient connect(HttpClient http, URI uri, Consumer<WebSocket.Builder> handshake) throws Exception {
        Listener listener = new Listener();
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Await.TIMEOUT);
        handshake.accept(builder);
        WebSocket webSocket = builder.buildAsync(uri, listener).get(Await.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        return new JdkClient(webSocket, listener);
    }

    /**
     * Attempts a handshake that the server must refuse, and returns the HTTP status it answered; fails if the
     * server accepts it.
     */
    public static int refusedStatus(URI uri, Consumer<WebSocket.Builder> handshake) throws Exception {
        JdkClient accepted;
        try {
            accepted = connect(uri, handshake);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
        accepted.close();
        throw new AssertionError("the handshake for " + uri + " was accepted");
    }

    /** The subprotocol the server chose, or {@code ""} if none. */
    public String subprotocol() {
        return webSocket.getSubprotocol();
    }

    /** Sends a whole text message and waits until it is written. */
    public JdkClient send(String text) throws Exception {
        await(webSocket.sendText(text, true), "sending a text message");
        return this;
    }

    /** Sends one text message in several frames, one per part. */
    public JdkClient sendFragments(String... parts) throws Exception {
        for (int i = 0; i < parts.length; i++) {
            await(webSocket.sendText(parts[i], i == parts.length - 1), "sending a fragment");
        }
        return this;
    }

    /** Sends a whole binary message and waits until it is written. */
    public JdkClient sendBinary(byte[] data) throws Exception {
        await(webSocket.sendBinary(ByteBuffer.wrap(data), true), "sending a binary message");
        return this;
    }

    /** Sends a close frame and waits until it is written; {@link #awaitClose()} waits for the answer. */
    public void close(int statusCode, String reason) throws Exception {
        await(webSocket.sendClose(statusCode, reason), "sending a close frame");
    }

    /** Closes with 1000, unless a close was sent already, and waits for the server's close. */
    @Override
    public void close() throws Exception {
        if (!webSocket.isOutputClosed()) {
            try {
                close(WebSocket.NORMAL_CLOSURE, "");
            } catch (ExecutionException e) {
                return; // the connection is gone already
            }
        }
        try {
            awaitClose();
        } catch (ExecutionException e) {
            // it broke instead of closing: closed all the same
        }
    }

    /** The next thing that arrived: a text message ({@code String}), binary ({@code byte[]}), {@link Close} or error. */
    public Object awaitEvent() throws InterruptedException {
        return listener.events.next();
    }

    /** The next whole text message; fails if something else comes first. */
    public String awaitText() throws InterruptedException {
        return listener.events.next(String.class, "a text message");
    }

    /** The next whole binary message; fails if something else comes first. */
    public byte[] awaitBinary() throws InterruptedException {
        return listener.events.next(byte[].class, "a binary message");
    }

    /** The server's close, once it arrives; messages before it are left for the other waits. */
    public Close awaitClose() throws Exception {
        try {
            return listener.close.get(Await.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("awaited the server's close: not within " + Await.describe(Await.TIMEOUT)
                    + "; received: " + listener.events.describeAll());
        }
    }

    /** The server's close, which must have this code. */
    public Close awaitClose(int statusCode) throws Exception {
        Close close = awaitClose();
        if (close.statusCode() != statusCode) {
            throw new AssertionError("awaited close " + statusCode + ", got " + close + "; received: "
                    + listener.events.describeAll());
        }
        return close;
    }

    /** What arrived (messages, close, error) and was not taken yet. */
    public List<Object> pending() {
        return listener.events.pending();
    }

    /** Fails if anything arrived (message, close or error) that has not been taken. */
    public void assertNothingPending() {
        if (!listener.events.pending().isEmpty()) {
            throw new AssertionError("unexpected: " + listener.events.pending().stream().map(Inbox::describe).toList());
        }
    }

    /** Whether neither side has closed or failed the connection. */
    public boolean isOpen() {
        return !webSocket.isInputClosed() && !webSocket.isOutputClosed() && !listener.close.isDone();
    }

    /** Ends the connection at once, without a close frame. */
    public void abort() {
        webSocket.abort();
    }

    private static void await(CompletableFuture<WebSocket> sent, String what) throws Exception {
        try {
            sent.get(Await.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(what + " took longer than " + Await.describe(Await.TIMEOUT));
        }
    }

    private static final class Listener implements WebSocket.Listener {
        final Inbox<Object> events = new Inbox<>("event");
        final CompletableFuture<Close> close = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

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
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                events.add(binary.toByteArray());
                binary.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            Close received = new Close(statusCode, reason);
            events.add(received);
            close.complete(received);
            return null; // the JDK answers with a close frame
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            events.add(error);
            close.completeExceptionally(error);
        }
    }
}
