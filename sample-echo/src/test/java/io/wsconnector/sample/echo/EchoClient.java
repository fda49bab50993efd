package io.wsconnector.sample.echo;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JDK WebSocket client that queues every whole text and binary message it receives.
 */
final class EchoClient implements WebSocket.Listener, AutoCloseable {
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final BlockingQueue<byte[]> receivedBinary = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream partialBinary = new ByteArrayOutputStream();
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

    byte[] echo(byte[] message) throws InterruptedException {
        webSocket.sendBinary(ByteBuffer.wrap(message), true).join();
        byte[] reply = receivedBinary.poll(10, TimeUnit.SECONDS);
        if (reply == null) {
            throw new AssertionError("no echo within 10 s for a binary message of " + message.length + " bytes");
        }
        return reply;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        partialBinary.writeBytes(chunk);
        if (last) {
            receivedBinary.add(partialBinary.toByteArray());
            partialBinary.reset();
        }
        socket.request(1);
        return null;
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
