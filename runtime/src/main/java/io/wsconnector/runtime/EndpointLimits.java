package io.wsconnector.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.wsconnector.runtime.protocol.ConnectionLimits;
import io.wsconnector.runtime.protocol.SendQueueLimits;
import io.wsconnector.runtime.spi.WebSocketEndpoint;

/**
 * Each endpoint's connection limits: the server's, with the send-queue limits an endpoint was given of its
 * own ({@code sendQueueLimit(path, ...)}, {@code sendQueueSoftLimit(path, ...)}).
 */
final class EndpointLimits implements Function<WebSocketEndpoint, ConnectionLimits> {
    private final ConnectionLimits server;
    private final Map<String, Integer> hardByPath;
    private final Map<String, SoftLimit> softByPath;

    /**
     * @param server     the limits of endpoints without their own
     * @param hardByPath the endpoints' own hard limits, by declared path
     * @param softByPath the endpoints' own soft limits, by declared path
     * @param endpoints  the endpoints served
     * @throws IllegalStateException if a setting names a path no endpoint has
     */
    EndpointLimits(ConnectionLimits server, Map<String, Integer> hardByPath, Map<String, SoftLimit> softByPath,
                   List<WebSocketEndpoint> endpoints) {
        this.server = server;
        this.hardByPath = Map.copyOf(hardByPath);
        this.softByPath = Map.copyOf(softByPath);
        checkPaths(hardByPath, "sendQueueLimit", endpoints);
        checkPaths(softByPath, "sendQueueSoftLimit", endpoints);
    }

    @Override
    public ConnectionLimits apply(WebSocketEndpoint endpoint) {
        Integer hard = hardByPath.get(endpoint.path());
        SoftLimit soft = softByPath.get(endpoint.path());
        if (hard == null && soft == null) {
            return server;
        }
        SendQueueLimits queue = server.sendQueue();
        return server.with(new SendQueueLimits(hard != null ? hard : queue.limit(),
                soft != null ? soft.bytes() : queue.softLimit(), soft != null ? soft.window() : queue.softWindow(),
                queue.policy()));
    }

    private static void checkPaths(Map<String, ?> byPath, String setting, List<WebSocketEndpoint> endpoints) {
        for (String path : byPath.keySet()) {
            if (endpoints.stream().noneMatch(endpoint -> endpoint.path().equals(path))) {
                throw new IllegalStateException(setting + "(\"" + path + "\", ...) names no endpoint; the paths are "
                        + endpoints.stream().map(WebSocketEndpoint::path).toList());
            }
        }
    }

    /**
     * A soft limit of a send queue.
     *
     * @param bytes  the bytes a queue may hold for no longer than the window; 0 for none
     * @param window how long
     */
    record SoftLimit(int bytes, Duration window) {
    }
}
