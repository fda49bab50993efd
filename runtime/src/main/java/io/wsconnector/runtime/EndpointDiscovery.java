package io.wsconnector.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import io.wsconnector.runtime.spi.WebSocketEndpoint;

/**
 * Which endpoints a server serves: those the wsconnector processor generated, found through
 * {@link ServiceLoader} without scanning the class path, and those added explicitly, which win.
 */
final class EndpointDiscovery {
    private EndpointDiscovery() {
    }

    /**
     * @param explicit endpoints added with {@code addEndpoint}, by path
     * @param discover whether to look for generated endpoints
     * @param loader   where to look
     * @return the endpoints, in path order
     * @throws IllegalStateException if there is none, or two discovered ones have the same path
     */
    static List<WebSocketEndpoint> endpoints(Map<String, WebSocketEndpoint> explicit, boolean discover,
                                             ClassLoader loader) {
        Map<String, WebSocketEndpoint> byPath = new LinkedHashMap<>();
        if (discover) {
            for (WebSocketEndpoint endpoint : ServiceLoader.load(WebSocketEndpoint.class, loader)) {
                WebSocketEndpoint previous = byPath.putIfAbsent(endpoint.path(), endpoint);
                if (previous != null && !previous.endpointClassName().equals(endpoint.endpointClassName())) {
                    throw new IllegalStateException(duplicatePathMessage(previous, endpoint));
                }
            }
        }
        byPath.putAll(explicit);
        if (byPath.isEmpty()) {
            throw new IllegalStateException("No WebSocket endpoint to serve: annotate a class with "
                    + "@WebSocketUpgradePath and compile it with the wsconnector processor, or call addEndpoint");
        }
        List<WebSocketEndpoint> endpoints = new ArrayList<>(byPath.values());
        endpoints.sort(Comparator.comparing(WebSocketEndpoint::path));
        return List.copyOf(endpoints);
    }

    static String duplicatePathMessage(WebSocketEndpoint first, WebSocketEndpoint second) {
        return "Two endpoints have the path " + first.path() + ": " + first.endpointClassName()
                + " and " + second.endpointClassName();
    }
}
