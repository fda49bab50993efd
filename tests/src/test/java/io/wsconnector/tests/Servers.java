package io.wsconnector.tests;

import java.net.URI;
import java.util.function.Consumer;

import io.wsconnector.runtime.WebSocketServer;
import io.wsconnector.runtime.spi.WebSocketEndpoint;

/** Starts servers on a free port of 127.0.0.1 with exactly the endpoints given. */
final class Servers {
    private Servers() {
    }

    static WebSocketServer start(WebSocketEndpoint... endpoints) {
        return start(builder -> { }, endpoints);
    }

    static WebSocketServer start(Consumer<WebSocketServer.Builder> configuration, WebSocketEndpoint... endpoints) {
        WebSocketServer.Builder builder = WebSocketServer.builder()
                .host("127.0.0.1")
                .port(0)
                .discoverEndpoints(false);
        for (WebSocketEndpoint endpoint : endpoints) {
            builder.addEndpoint(endpoint);
        }
        configuration.accept(builder);
        return builder.build().start();
    }

    static URI uri(WebSocketServer server, String path) {
        return URI.create("ws://127.0.0.1:" + server.port() + path);
    }

    static void stop(WebSocketServer server) {
        if (server != null) {
            server.stop();
        }
    }
}
