package io.wsconnector.runtime.protocol;

import io.helidon.webserver.spi.ProtocolConfig;

/**
 * How {@code WebSocketServer} hands a listener's WebSocket services to Helidon, which passes them to
 * {@link WebSocketUpgradeProvider} to create the {@link WebSocketUpgrader}: each connection then gets only
 * what it needs (its route with its endpoint's limits, the services of the server).
 *
 * @param routes   the endpoints, by exact path and by path template, with their settings
 * @param services what all connections share: clock, inbound budget, counted log
 */
public record WebSocketProtocol(EndpointRoutes routes, ServerServices services) implements ProtocolConfig {
    /** The protocol type that ties this configuration to {@link WebSocketUpgradeProvider}. */
    static final String TYPE = "wsconnector-websocket";

    @Override
    public String name() {
        return TYPE;
    }

    @Override
    public String type() {
        return TYPE;
    }
}
