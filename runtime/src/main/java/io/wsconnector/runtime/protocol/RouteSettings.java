package io.wsconnector.runtime.protocol;

import java.time.Duration;
import java.util.Set;

/**
 * What the server's settings come to for one endpoint: its server's, or those configured for its path
 * instead (e.g. {@code wsconnector.server.endpoints."/chat/{room}".max-message-size}).
 *
 * @param limits      the limits of the endpoint's connections
 * @param idleTimeout the endpoint's idle timeout; {@link Duration#ZERO}: none
 * @param allowedOrigins the browser origins allowed to connect to it besides those the endpoint declares; empty:
 *                       only an origin matching {@code Host} ({@link OriginPolicy})
 * @param metrics        what is counted for it
 */
public record RouteSettings(ConnectionLimits limits, Duration idleTimeout, Set<String> allowedOrigins,
                            EndpointMetrics metrics) {
}
