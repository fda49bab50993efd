package io.wsconnector.cluster.redis;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.wsconnector.runtime.WebSocketServer;

/** A JDK WebSocket client of {@link ClusterChat} that keeps every text message it receives, in order. */
final class ChatClient implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final WebSocket webSocket;

    private ChatClient(URI uri) throws Exception {
        this.webSocket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            received.add(text.toString());
                            text.setLength(0);
                        }
                        socket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
    }

    /** A client in a room of the node, with a nick. */
    static ChatClient connect(WebSocketServer node, String room, String nick) throws Exception {
        return connect(node.port(), room, nick);
    }

    /** A client in a room of the node on the port, with a nick. */
    static ChatClient connect(int port, String room, String nick) throws Exception {
        return new ChatClient(URI.create("ws://localhost:" + port + "/chat/" + room + "?nick=" + nick));
    }

    void send(String text) {
        webSocket.sendText(text, true).join();
    }

    /** The next message, waiting up to 10 s. */
    String next() throws InterruptedException {
        String message = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(message, "no message within 10 s");
        return message;
    }

    /** Sends {@code id} and returns the session id the server answers. */
    String id() throws InterruptedException {
        send("id");
        return next();
    }

    @Override
    public void close() {
        webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
        webSocket.abort();
    }
}
