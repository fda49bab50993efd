package io.wsconnector.sample.echo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JDK WebSocket client that queues every whole text message it receives.
 */
final class EchoClient implements WebSocket.Listener, AutoCloseable {
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket webSocket;

    EchoClient(URI uri) {
        this.webSocket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, this).join();
    }

    String echo(String message) throws InterruptedException {
        webSocket.sendText(message, true).join();
        String reply = received.poll(10, TimeUnit.SECONDS);
        if (reply == null) {
            throw new AssertionError("no echo within 10 s for a message of " + message.length() + " chars");
        }
        return reply;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            received.add(partial.toString());
            partial.setLength(0);
        }
        socket.request(1);
        return null;
    }

    @Override
    public void close() {
        webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
    }
}
