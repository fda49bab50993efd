package io.wsconnector.runtime;

import java.net.URI;
import java.util.function.Consumer;

import io.wsconnector.runtime.spi.WebSocketEndpoint;

/** Starts servers on a free port of 127.0.0.1 with exactly the endpoints given. */
final class TestServers {
    private TestServers() {
    }

    static WebSocketServer start(WebSocketEndpoint... endpoints) {
        return start(builder -> { }, endpoints);
    }

    static WebSocketServer start(Consumer<WebSocketServer.Builder> configuration, WebSocketEndpoint... endpoints) {
        return builder(configuration, endpoints).build().start();
    }

    static WebSocketServer.Builder builder(Consumer<WebSocketServer.Builder> configuration, WebSocketEndpoint... endpoints) {
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

    static URI uri(WebSocketServer server, String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + server.port() + pathAndQuery);
    }

    static void stop(WebSocketServer server) {
        if (server != null) {
            server.stop();
        }
    }
}
