package io.wsconnector.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.helidon.webserver.spi.ProtocolConfig;
import io.wsconnector.runtime.spi.WebSocketEndpoint;

/**
 * What a listener needs to serve wsconnector endpoints through Helidon's HTTP/1 upgrade SPI: handed
 * to Helidon as a protocol configuration, turned into a {@link WebSocketUpgrader} by
 * {@link WebSocketUpgradeProvider}.
 *
 * @param endpointsByPath the endpoints, by exact path
 * @param maxMessageSize  the largest message accepted, in bytes, after fragments are joined
 * @param allowedOrigins  the {@code Origin} values accepted; empty: only an origin matching {@code Host}
 * @param closeTimeout    how long to wait for the client's close frame after sending ours
 */
record WebSocketProtocol(Map<String, WebSocketEndpoint> endpointsByPath,
                         int maxMessageSize,
                         Set<String> allowedOrigins,
                         Duration closeTimeout) implements ProtocolConfig {
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
