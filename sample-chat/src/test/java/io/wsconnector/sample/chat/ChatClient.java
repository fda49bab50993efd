package io.wsconnector.sample.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A chat client on the JDK's WebSocket: queues every whole text and binary message it receives, and the
 * close code.
 */
final class ChatClient implements WebSocket.Listener, AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> binaries = new LinkedBlockingQueue<>();
    private final StringBuilder partialText = new StringBuilder();
    private final ByteArrayOutputStream partialBinary = new ByteArrayOutputStream();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final WebSocket webSocket;

    private ChatClient(URI uri, Map<String, String> headers) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        this.webSocket = builder.buildAsync(uri, this).join();
    }

    /** Connects to a room and waits until the client has joined it (its own announcement arrived). */
    static ChatClient join(int port, String room, String nick) throws InterruptedException {
        ChatClient client = new ChatClient(uri(port, room, "token=secret&nick=" + nick), Map.of());
        client.expect("* " + nick + " joined " + room);
        return client;
    }

    static ChatClient connect(URI uri) {
        return new ChatClient(uri, Map.of());
    }

    /** Connects with these request headers, e.g. the {@code Origin} a browser sends. */
    static ChatClient connect(URI uri, Map<String, String> headers) {
        return new ChatClient(uri, headers);
    }

    /** Connects with this query and returns the HTTP status of the refused handshake. */
    static int refusedStatus(int port, String room, String query) {
        return refusedStatus(uri(port, room, query), Map.of());
    }

    /** Connects with these headers and returns the HTTP status of the refused handshake. */
    static int refusedStatus(URI uri, Map<String, String> headers) {
        try {
            new ChatClient(uri, headers).close();
        } catch (CompletionException e) {
            WebSocketHandshakeException refused = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
            return refused.getResponse().statusCode();
        }
        throw new AssertionError("the handshake for " + uri + " with " + headers + " succeeded");
    }

    static URI uri(int port, String room, String query) {
        return URI.create("ws://localhost:" + port + "/chat/" + room + (query.isEmpty() ? "" : "?" + query));
    }

    void say(String text) {
        webSocket.sendText(text, true).join();
    }

    void send(byte[] data) {
        webSocket.sendBinary(ByteBuffer.wrap(data), true).join();
    }

    /** The next text message, waiting up to 10 seconds. */
    String next() throws InterruptedException {
        return next(Duration.ofSeconds(10));
    }

    String next(Duration timeout) throws InterruptedException {
        String text = texts.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (text == null) {
            throw new AssertionError("no text message within " + timeout);
        }
        return text;
    }

    void expect(String text) throws InterruptedException {
        assertEquals(text, next());
    }

    byte[] nextBinary() throws InterruptedException {
        byte[] data = binaries.poll(10, TimeUnit.SECONDS);
        if (data == null) {
            throw new AssertionError("no binary message within 10 s");
        }
        return data;
    }

    /** The texts received and not read yet. */
    BlockingQueue<String> unread() {
        return texts;
    }

    /** The close code the server sent (or 1006 if the connection broke). */
    CompletableFuture<Integer> closeCode() {
        return closeCode;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        partialText.append(data);
        if (last) {
            texts.add(partialText.toString());
            partialText.setLength(0);
        }
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        partialBinary.writeBytes(chunk);
        if (last) {
            binaries.add(partialBinary.toByteArray());
            partialBinary.reset();
        }
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null; // the JDK answers with a close frame
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        closeCode.complete(1006);
    }

    /** Closes with 1000 and waits for the server's answer. */
    @Override
    public void close() {
        if (!webSocket.isOutputClosed()) {
            webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        }
        closeCode.orTimeout(10, TimeUnit.SECONDS).join();
    }
}
