package io.wsconnector.sample.echo;

import java.net.URI;
import java.util.OptionalInt;

import io.helidon.config.Config;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.metrics.MetricsObserver;

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
 * <p>Metrics, in Prometheus text format: {@code http://localhost:9090/observe/metrics}.
 *
 * <p>Settings: {@code application.yaml} (port 9090, messages up to 16 MiB, metrics on), which environment variables
 * ({@code WSCONNECTOR_SERVER_PORT=9000}) and system properties ({@code -Dwsconnector.server.port=9000})
 * override, and the command line overrides all of them.
 *
 * <pre>
 * java -jar sample-echo/target/sample-echo.jar [--port N]
 * </pre>
 */
@BasePath("/test")
@WebSocketUpgradePath("/websocket")
public class WebSocketEchoServer {
    /** The largest message echoed, in bytes, as {@code application.yaml} has it; a larger one closes with 1009. */
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
     * @param args {@code --port N} to listen on another port than the configured one (0 for any free port)
     */
    public static void main(String[] args) {
        OptionalInt port;
        try {
            port = port(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: java -jar sample-echo.jar [--port N]");
            System.exit(2);
            return;
        }
        WebSocketServer server = start(Config.create(), port);
        for (URI uri : server.endpointUris()) {
            System.out.println("Echo server listening on " + uri + " (Ctrl+C to stop)");
        }
        System.out.println("Echo page: http://localhost:" + server.port() + "/ (open it in a browser)");
    }

    /**
     * Starts the echo server with its configuration: the endpoint, found by discovery, and its page at {@code /}.
     *
     * @param port the port, 0 for any free one
     * @return the running server
     */
    static WebSocketServer start(int port) {
        return start(Config.create(), OptionalInt.of(port));
    }

    /**
     * Starts the echo server: the endpoint, found by discovery, and its page at {@code /}.
     *
     * @param config the configuration: {@code application.yaml}, environment variables, system properties
     * @param port   the port from the command line, which wins over the configured one
     * @return the running server
     */
    static WebSocketServer start(Config config, OptionalInt port) {
        WebSocketServer.Builder builder = WebSocketServer.builder()
                .config(config.get("wsconnector.server"))
                .httpRouting(new EchoPage()::routes)
                // GET /observe/metrics: the meters counted with `metrics: true`, in Prometheus text format
                .webServer(helidon -> helidon.addFeature(ObserveFeature.just(MetricsObserver.create())));
        port.ifPresent(builder::port);
        return builder.build().start();
    }

    /** The port given on the command line, if any. */
    static OptionalInt port(String[] args) {
        OptionalInt port = OptionalInt.empty();
        for (int i = 0; i < args.length; i++) {
            String value;
            if (args[i].equals("--port") && i + 1 < args.length) {
                value = args[++i];
            } else if (args[i].startsWith("--port=")) {
                value = args[i].substring("--port=".length());
            } else {
                throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
            int number;
            try {
                number = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--port needs a number from 0 to 65535, not '" + value + "'");
            }
            if (number < 0 || number > 65535) {
                throw new IllegalArgumentException("--port needs a number from 0 to 65535, not " + number);
            }
            port = OptionalInt.of(number);
        }
        return port;
    }
}
