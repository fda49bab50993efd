package io.wsconnector.sample.echo;

import java.net.URI;

import io.wsconnector.annotations.BasePath;
import io.wsconnector.annotations.OnBinaryMessage;
import io.wsconnector.annotations.OnTextMessage;
import io.wsconnector.annotations.WebSocketUpgradePath;
import io.wsconnector.runtime.WebSocketServer;

/**
 * The echo server: {@code ws://localhost:9090/test/websocket} answers each text message with the same
 * text and each binary message with the same bytes, up to 16 MiB, so that a conformance client can
 * exercise every case against it. On the same port, {@code http://localhost:9090/} is a page to try it
 * from a browser ({@link EchoPage}).
 *
 * <p>Origins: clients that are not browsers send no {@code Origin} and are always served; a browser page
 * is served when it comes from this server (its own page), as the server's default origin check wants.
 * The sample does not allow any origin ({@code allowedOrigins("*")}), although an echo has nothing to
 * protect, because it is the project users copy: a page elsewhere is added by name, e.g.
 * {@code .allowedOrigins("http://localhost:3000")}.
 *
 * <pre>
 * java -jar sample-echo/target/sample-echo.jar [--port N]
 * </pre>
 */
@BasePath("/test")
@WebSocketUpgradePath("/websocket")
public class WebSocketEchoServer {
    /** The port served when none is given. */
    public static final int DEFAULT_PORT = 9090;

    /** The largest message echoed, in bytes; a larger one closes the connection with 1009. */
    public static final int MAX_MESSAGE_SIZE = 16 * 1024 * 1024;

    @OnTextMessage
    String echoText(String message) {
        return message;
    }

    @OnBinaryMessage
    byte[] echoBinary(byte[] message) {
        return message;
    }

    /**
     * Starts the echo server.
     *
     * @param args {@code --port N} to listen on another port than 9090 (0 for any free port)
     */
    public static void main(String[] args) {
        int port;
        try {
            port = port(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: java -jar sample-echo.jar [--port N]");
            System.exit(2);
            return;
        }
        WebSocketServer server = start(port);
        for (URI uri : server.endpointUris()) {
            System.out.println("Echo server listening on " + uri + " (Ctrl+C to stop)");
        }
        System.out.println("Echo page: http://localhost:" + server.port() + "/ (open it in a browser)");
    }

    /**
     * Starts the echo server: the endpoint, found by discovery, and its page at {@code /}.
     *
     * @param port the port, 0 for any free one
     * @return the running server
     */
    static WebSocketServer start(int port) {
        return WebSocketServer.builder()
                .port(port)
                .maxMessageSize(MAX_MESSAGE_SIZE)
                .httpRouting(new EchoPage()::routes)
                .build()
                .start();
    }

    static int port(String[] args) {
        int port = DEFAULT_PORT;
        for (int i = 0; i < args.length; i++) {
            String value;
            if (args[i].equals("--port") && i + 1 < args.length) {
                value = args[++i];
            } else if (args[i].startsWith("--port=")) {
                value = args[i].substring("--port=".length());
            } else {
                throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
            try {
                port = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--port needs a number from 0 to 65535, not '" + value + "'");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("--port needs a number from 0 to 65535, not " + port);
            }
        }
        return port;
    }
}
