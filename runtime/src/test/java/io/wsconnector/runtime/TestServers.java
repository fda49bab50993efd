package io.wsconnector.runtime;

import java.net.URI;
import java.util.function.Consumer;

import io.wsconnector.runtime.spi.WebSocketEndpoint;

/**
 * Starts servers on a free port of 127.0.0.1 with exactly the endpoints given (no discovery). Shared with the
 * tests of the other modules through the runtime's test jar.
 */
public final class TestServers {
    private TestServers() {
    }

    /** Starts a server with these endpoints. */
    public static WebSocketServer start(WebSocketEndpoint... endpoints) {
        return start(builder -> { }, endpoints);
    }

    /** Starts a server with these endpoints, configured further by {@code configuration}. */
    public static WebSocketServer start(Consumer<WebSocketServer.Builder> configuration, WebSocketEndpoint... endpoints) {
        return builder(configuration, endpoints).build().start();
    }

    /** A builder with these endpoints, configured further by {@code configuration}, not built yet. */
    public static WebSocketServer.Builder builder(Consumer<WebSocketServer.Builder> configuration,
                                                  WebSocketEndpoint... endpoints) {
        WebSocketServer.Builder builder = WebSocketServer.builder()
                .host("127.0.0.1")
                .port(0)
                .discoverEndpoints(false);
        for (WebSocketEndpoint endpoint : endpoints) {
            builder.addEndpoint(endpoint);
        }
        configuration.accept(builder);
        return builder;
    }

    /** {@code ws://127.0.0.1:<port><pathAndQuery>} for this server. */
    public static URI uri(WebSocketServer server, String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + server.port() + pathAndQuery);
    }

    /** Stops the server, if there is one (for an {@code @AfterAll} whose {@code @BeforeAll} failed). */
    public static void stop(WebSocketServer server) {
        if (server != null) {
            server.stop();
        }
    }
}
