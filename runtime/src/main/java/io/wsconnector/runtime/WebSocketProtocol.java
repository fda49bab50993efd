package io.wsconnector.runtime;

import java.time.Duration;
import java.util.Set;

import io.helidon.webserver.spi.ProtocolConfig;

/**
 * What a listener needs to serve wsconnector endpoints through Helidon's HTTP/1 upgrade SPI: handed
 * to Helidon as a protocol configuration, turned into a {@link WebSocketUpgrader} by
 * {@link WebSocketUpgradeProvider}.
 *
 * @param routes         the endpoints, by exact path and by path template
 * @param maxMessageSize the largest message accepted, in bytes, after fragments are joined
 * @param allowedOrigins the server's {@code Origin} values accepted (endpoints may add theirs); empty: only
 *                       an origin matching {@code Host}
 * @param closeTimeout   how long to wait for the client's close frame after sending ours
 * @param idleTimeouts   the server's idle-connection checker
 * @param sendQueueLimit the most bytes a session's send queue holds before the policy applies
 * @param slowConsumerPolicy what happens to a session whose send queue is full
 */
record WebSocketProtocol(EndpointRoutes routes,
                         int maxMessageSize,
                         Set<String> allowedOrigins,
                         Duration closeTimeout,
                         IdleTimeouts idleTimeouts,
                         int sendQueueLimit,
                         SlowConsumerPolicy slowConsumerPolicy) implements ProtocolConfig {
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
