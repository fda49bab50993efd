package io.wsconnector.runtime;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

import io.wsconnector.runtime.protocol.ConnectionLimits;
import io.wsconnector.runtime.protocol.EndpointMetrics;
import io.wsconnector.runtime.protocol.RouteSettings;
import io.wsconnector.runtime.protocol.SendQueueLimits;
import io.wsconnector.runtime.spi.WebSocketEndpoint;

/**
 * The settings a server can apply per endpoint, each checked as it is set: the server's defaults (every
 * setting has a value), or the overrides configured for one endpoint's path (only those set apply).
 */
final class EndpointSettings {
    private Integer maxMessageSize;
    private Duration closeTimeout;
    private Duration idleTimeout;
    private Integer sendQueueLimit;
    private Integer sendQueueSoftLimit;
    private Duration sendQueueSoftWindow;
    private Duration messageTimeout;
    private SlowConsumerPolicy slowConsumerPolicy;
    private Compression compression;
    /** {@code null} until an origin is added: an endpoint's override then replaces the server's list. */
    private Set<String> allowedOrigins;

    private EndpointSettings() {
    }

    /** The server's settings, with their defaults. */
    static EndpointSettings defaults() {
        EndpointSettings defaults = new EndpointSettings();
        defaults.maxMessageSize = WebSocketServer.DEFAULT_MAX_MESSAGE_SIZE;
        defaults.closeTimeout = Duration.ofSeconds(5);
        defaults.idleTimeout = Duration.ZERO;
        defaults.sendQueueLimit = WebSocketServer.DEFAULT_SEND_QUEUE_LIMIT;
        defaults.sendQueueSoftLimit = WebSocketServer.DEFAULT_SEND_QUEUE_SOFT_LIMIT;
        defaults.sendQueueSoftWindow = WebSocketServer.DEFAULT_SOFT_WINDOW;
        defaults.messageTimeout = WebSocketServer.DEFAULT_MESSAGE_TIMEOUT;
        defaults.slowConsumerPolicy = SlowConsumerPolicy.CLOSE;
        defaults.compression = Compression.defaults();
        defaults.allowedOrigins = new LinkedHashSet<>();
        return defaults;
    }

    /** An endpoint's overrides: none yet. */
    static EndpointSettings overrides() {
        return new EndpointSettings();
    }

    void maxMessageSize(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("maxMessageSize must be at least 1 byte, not " + bytes);
        }
        maxMessageSize = bytes;
    }

    void sendQueueLimit(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("sendQueueLimit must be at least 1 byte, not " + bytes);
        }
        sendQueueLimit = bytes;
    }

    void sendQueueSoftLimit(int bytes, Duration window) {
        sendQueueSoftLimit(bytes);
        sendQueueSoftWindow(window);
    }

    void sendQueueSoftLimit(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("sendQueueSoftLimit must not be negative, not " + bytes);
        }
        sendQueueSoftLimit = bytes;
    }

    void sendQueueSoftWindow(Duration window) {
        Objects.requireNonNull(window, "window");
        if (window.isNegative()) {
            throw new IllegalArgumentException("the soft limit's window must not be negative, not " + window);
        }
        sendQueueSoftWindow = window;
    }

    void messageTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("messageTimeout must not be negative, not " + timeout);
        }
        messageTimeout = timeout;
    }

    void slowConsumerPolicy(SlowConsumerPolicy policy) {
        slowConsumerPolicy = Objects.requireNonNull(policy, "policy");
    }

    void compression(Compression setting) {
        compression = Objects.requireNonNull(setting, "compression");
    }

    void addAllowedOrigins(String... origins) {
        if (allowedOrigins == null) {
            allowedOrigins = new LinkedHashSet<>();
        }
        for (String origin : origins) {
            allowedOrigins.add(Objects.requireNonNull(origin, "origin"));
        }
    }

    void closeTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("closeTimeout must be positive, not " + timeout);
        }
        closeTimeout = timeout;
    }

    void idleTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("idleTimeout must not be negative, not " + timeout);
        }
        idleTimeout = timeout;
    }

    /**
     * The endpoint's compression: its own, else the server's, with whether its slow-consumer policy drops
     * messages (then no compression context is kept).
     */
    EndpointCompression.Setting compression(EndpointSettings server) {
        SlowConsumerPolicy policy = slowConsumerPolicy != null ? slowConsumerPolicy : server.slowConsumerPolicy;
        return new EndpointCompression.Setting(compression != null ? compression : server.compression,
                policy != SlowConsumerPolicy.CLOSE);
    }

    /**
     * What the settings come to for one endpoint: these overrides where set, else the server's. The idle
     * timeout configured for the endpoint wins over the one it declares ({@code idleTimeoutSeconds}), which
     * wins over the server's.
     *
     * @param server   the server's settings
     * @param endpoint the endpoint
     * @param metrics  what is counted for it
     * @return its settings
     */
    RouteSettings resolve(EndpointSettings server, WebSocketEndpoint endpoint, EndpointMetrics metrics) {
        Duration idle = idleTimeout != null ? idleTimeout
                : endpoint.idleTimeoutSeconds() > 0 ? Duration.ofSeconds(endpoint.idleTimeoutSeconds())
                : server.idleTimeout;
        SendQueueLimits queue = new SendQueueLimits(
                sendQueueLimit != null ? sendQueueLimit : server.sendQueueLimit,
                sendQueueSoftLimit != null ? sendQueueSoftLimit : server.sendQueueSoftLimit,
                sendQueueSoftWindow != null ? sendQueueSoftWindow : server.sendQueueSoftWindow,
                slowConsumerPolicy != null ? slowConsumerPolicy : server.slowConsumerPolicy);
        ConnectionLimits limits = new ConnectionLimits(
                maxMessageSize != null ? maxMessageSize : server.maxMessageSize,
                closeTimeout != null ? closeTimeout : server.closeTimeout,
                messageTimeout != null ? messageTimeout : server.messageTimeout,
                queue);
        return new RouteSettings(limits, idle, Set.copyOf(allowedOrigins != null ? allowedOrigins
                : server.allowedOrigins), metrics);
    }
}
