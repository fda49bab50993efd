package io.wsconnector.runtime.protocol;

import io.helidon.webserver.spi.ProtocolConfig;

/**
 * How {@code WebSocketServer} hands a listener's WebSocket services to Helidon, which passes them to
 * {@link WebSocketUpgradeProvider} to create the {@link WebSocketUpgrader}: each connection then gets only
 * what it needs (its route, the limits, the idle checker if its endpoint has an idle timeout).
 *
 * @param routes       the endpoints, by exact path and by path template
 * @param limits       the limits of every connection
 * @param origins      which browser origins may connect
 * @param idleTimeouts the server's idle-connection checker
 */
public record WebSocketProtocol(EndpointRoutes routes, ConnectionLimits limits, OriginPolicy origins,
                                IdleTimeouts idleTimeouts) implements ProtocolConfig {
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
