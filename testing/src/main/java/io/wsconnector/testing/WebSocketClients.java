package io.wsconnector.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.wsconnector.testsupport.JdkClient;
import io.wsconnector.testsupport.RawWebSocketClient;

/**
 * Connects clients to the server of a {@link WebSocketTest}: the JDK's WebSocket client ({@link JdkClient},
 * whole messages and the server's close, each awaited at most 10 s, with a failure that says what was
 * awaited and what arrived instead), or a raw one ({@link RawWebSocketClient}) for frames no client library
 * sends. Every client connected here is closed after the test.
 */
public final class WebSocketClients {
    private final int port;
    /** What to close after the test; clients may be connected from several threads at once. */
    private final List<AutoCloseable> connected = new CopyOnWriteArrayList<>();

    WebSocketClients(int port) {
        this.port = port;
    }

    /**
     * The {@code ws://} URI of a path on the server.
     *
     * @param pathAndQuery e.g. {@code /chat/lobby?nick=ada}
     * @return the URI
     */
    public URI uri(String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + port + pathAndQuery);
    }

    /**
     * Connects the JDK's client.
     *
     * @param pathAndQuery e.g. {@code /chat/lobby?nick=ada}
     * @return the connected client
     * @throws Exception if the handshake fails or takes over 10 s
     */
    public JdkClient connect(String pathAndQuery) throws Exception {
        return connect(pathAndQuery, handshake -> { });
    }

    /**
     * Connects the JDK's client with request headers or subprotocols, e.g.
     * {@code connect("/chat", handshake -> handshake.header("Origin", "https://app.example").subprotocols("chat.v2"))}.
     *
     * @param pathAndQuery e.g. {@code /chat/lobby?nick=ada}
     * @param handshake    adds headers and subprotocols to the opening handshake
     * @return the connected client
     * @throws Exception if the handshake fails or takes over 10 s
     */
    public JdkClient connect(String pathAndQuery, Consumer<WebSocket.Builder> handshake) throws Exception {
        JdkClient client = JdkClient.connect(uri(pathAndQuery), handshake);
        connected.add(client::abort);
        return client;
    }

    /**
     * Attempts a handshake the server must refuse.
     *
     * @param pathAndQuery e.g. {@code /chat/lobby?token=wrong}
     * @param handshake    adds headers and subprotocols to the opening handshake
     * @return the HTTP status the server answered
     * @throws Exception if the server accepts it, or does not answer
     */
    public int refusedStatus(String pathAndQuery, Consumer<WebSocket.Builder> handshake) throws Exception {
        return JdkClient.refusedStatus(uri(pathAndQuery), handshake);
    }

    /**
     * Connects a raw client, the opening handshake done, for protocol tests: it sends any frame, masked or
     * not, and reads the server's frames one by one.
     *
     * @param pathAndQuery     e.g. {@code /echo}
     * @param extraHeaderLines header lines to add to the handshake, e.g. {@code "Sec-WebSocket-Protocol: chat"}
     * @return the connected client
     * @throws IOException if the server does not answer 101
     */
    public RawWebSocketClient raw(String pathAndQuery, String... extraHeaderLines) throws IOException {
        RawWebSocketClient client = RawWebSocketClient.connect(port, pathAndQuery, extraHeaderLines);
        connected.add(client);
        return client;
    }

    /**
     * Sends an opening handshake the server must refuse, on a raw connection.
     *
     * @param pathAndQuery     e.g. {@code /echo}
     * @param extraHeaderLines header lines to add to the handshake
     * @return the response, with its body
     * @throws IOException if the connection fails
     */
    public RawWebSocketClient.Refusal rawRefusal(String pathAndQuery, String... extraHeaderLines) throws IOException {
        return RawWebSocketClient.refused(port, pathAndQuery, extraHeaderLines);
    }

    /** Closes every client connected since the last call, without waiting for the server. */
    void closeAll() {
        List<AutoCloseable> clients = new ArrayList<>(connected);
        connected.removeAll(clients);
        for (AutoCloseable client : clients) {
            try {
                client.close();
            } catch (Exception e) {
                // closed already, or broken: gone all the same
            }
        }
    }
}
