package io.wsconnector.runtime;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import io.helidon.common.tls.Tls;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ProtocolConfigs;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionListener;
import io.helidon.webserver.http1.Http1ConnectionProvider;
import io.helidon.webserver.spi.ServerConnectionSelector;
import io.wsconnector.runtime.protocol.ConnectionGate;
import io.wsconnector.runtime.protocol.EndpointRoutes;
import io.wsconnector.runtime.protocol.UpgradeHeaderNormalizer;
import io.wsconnector.runtime.protocol.WebSocketProtocol;

/**
 * Configures the Helidon WebServer that serves the endpoints: its socket and connection cap, its HTTP/1
 * layer behind the {@link ConnectionGate} with the WebSocket protocol, its plain HTTP routes, and its
 * idle-connection limit.
 *
 * <p>The listener gets exactly one connection selector, the gated HTTP/1 one, and no protocol of its own
 * (discovery of protocols is off): so Helidon hands each connection to the gate as soon as it is accepted,
 * without reading from it first.
 */
final class HelidonListener {
    /** The name of Helidon's default listener. */
    private static final String DEFAULT_LISTENER = "@default";
    /** How much longer than the longest endpoint idle timeout Helidon waits before it closes an idle connection. */
    private static final Duration HELIDON_IDLE_MARGIN = Duration.ofMinutes(1);

    private HelidonListener() {
    }

    /**
     * @param host        the address to listen on
     * @param port        the port, 0 for any
     * @param tls         the TLS settings, or {@code null} for plain TCP
     * @param protocol    the WebSocket services
     * @param gate        counts connections against the cap and keeps the handshake timeout
     * @param cap         the most connections at once; -1 for no cap
     * @param httpRouting the user's plain HTTP routes
     * @param customizer  the user's changes to Helidon's configuration, applied last
     * @return the configuration, ready to build
     */
    static WebServerConfig.Builder configure(String host, int port, Tls tls, WebSocketProtocol protocol,
                                             ConnectionGate gate, int cap, Consumer<HttpRouting.Builder> httpRouting,
                                             Consumer<WebServerConfig.Builder> customizer) {
        EndpointRoutes routes = protocol.routes();
        Http1Config http1 = Http1Config.builder()
                // RFC 6455 matches the Upgrade value case-insensitively; Helidon's look-up is exact.
                .addReceiveListener(new HeadersListeners(new UpgradeHeaderNormalizer(), gate.requestHeads()))
                .addSendListener(gate.responses())
                .build();
        ServerConnectionSelector http1Selector = new Http1ConnectionProvider()
                .create(DEFAULT_LISTENER, http1, ProtocolConfigs.create(List.of(protocol)));
        WebServerConfig.Builder config = WebServer.builder()
                .host(host)
                .port(port)
                // Helidon turns Nagle on; frames over its 8 KiB write buffer would then stall ~40 ms.
                .connectionOptions(options -> options.tcpNoDelay(true))
                // Blocking sockets: one 8 KiB buffer per connection instead of two.
                .useNio(false)
                // No server features found at run time through Helidon's service registry (observe, context,
                // security…): looking for them costs ~90 ms of start-up on the JVM, more in a native image.
                // Features a user wants are added explicitly (webServer(helidon -> helidon.addFeature(...))).
                .featuresDiscoverServices(false)
                // At the cap Helidon stops accepting: the descriptors never run out, which would stop its listener.
                .maxTcpConnections(cap)
                .protocolsDiscoverServices(false)
                .addConnectionSelector(gate.guard(http1Selector))
                .routing(http -> {
                    answerPlainRequestsWithUpgradeRequired(http, routes);
                    httpRouting.accept(http);
                });
        if (tls != null) {
            config.tls(tls);
        }
        keepHelidonFromClosingConnectionsBeforeTheirIdleTimeout(config, routes.longestIdleTimeout());
        customizer.accept(config);
        return config;
    }

    /**
     * A plain HTTP GET on an endpoint's path or template (no {@code Upgrade}) is answered 426 Upgrade
     * Required, saying what is expected, rather than 404 (RFC 6455, section 4.2.2; RFC 9110, section
     * 15.5.22). Any other path goes on to the next route.
     */
    private static void answerPlainRequestsWithUpgradeRequired(HttpRouting.Builder http, EndpointRoutes routes) {
        byte[] body = "This is a WebSocket endpoint: connect with a WebSocket client (Upgrade: websocket)\n"
                .getBytes(StandardCharsets.UTF_8);
        http.get((request, response) -> {
            if (!routes.serves(request.prologue().uriPath())) {
                response.next();
                return;
            }
            response.status(Status.UPGRADE_REQUIRED_426)
                    .header(HeaderNames.UPGRADE, "websocket")
                    .header(HeaderNames.CONNECTION, "Upgrade")
                    .header("Sec-WebSocket-Version", "13")
                    .send(body);
        });
    }

    /**
     * Helidon closes a connection idle for its {@code idle-connection-timeout} (5 minutes by default),
     * counting from the last frame or the last {@code onIdleTimeout}. An endpoint whose own idle timeout is
     * as long would lose its connections before its {@code onIdleTimeout} runs: Helidon's limit is raised
     * above the longest one (a setting made in {@code WebSocketServer.Builder#webServer} still wins).
     */
    private static void keepHelidonFromClosingConnectionsBeforeTheirIdleTimeout(WebServerConfig.Builder config,
                                                                              Duration longest) {
        Duration needed = longest.plus(HELIDON_IDLE_MARGIN);
        if (!longest.isZero() && config.idleConnectionTimeout().compareTo(needed) < 0) {
            config.idleConnectionTimeout(needed);
        }
    }

    /**
     * Two listeners of received request heads, called in turn: Helidon 4.5 joins several listeners into
     * one that calls none of them ({@code Http1ConnectionListenerUtil.ListFrameListener} overrides nothing).
     */
    private record HeadersListeners(Http1ConnectionListener first, Http1ConnectionListener second)
            implements Http1ConnectionListener {
        @Override
        public void headers(ConnectionContext ctx, Headers headers) {
            first.headers(ctx, headers);
            second.headers(ctx, headers);
        }
    }
}
