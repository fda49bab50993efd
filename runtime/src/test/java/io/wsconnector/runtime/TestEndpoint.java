package io.wsconnector.runtime;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import io.wsconnector.runtime.spi.WebSocketDispatcher;
import io.wsconnector.runtime.spi.WebSocketEndpoint;

/**
 * A hand-written endpoint registration, as the processor generates them: a path (or template), the
 * handshake settings, and a new dispatcher per connection.
 */
record TestEndpoint(String path, List<String> subprotocols, Set<String> allowedOrigins, int idleTimeoutSeconds,
                    String endpointClassName, Supplier<WebSocketDispatcher> dispatchers) implements WebSocketEndpoint {

    static TestEndpoint at(String path, Supplier<WebSocketDispatcher> dispatchers) {
        return new TestEndpoint(path, List.of(), Set.of(), 0, "test.Endpoint" + path.replaceAll("[^A-Za-z0-9]", "_"),
                dispatchers);
    }

    TestEndpoint named(String className) {
        return new TestEndpoint(path, subprotocols, allowedOrigins, idleTimeoutSeconds, className, dispatchers);
    }

    TestEndpoint subprotocols(String... protocols) {
        return new TestEndpoint(path, List.of(protocols), allowedOrigins, idleTimeoutSeconds, endpointClassName, dispatchers);
    }

    TestEndpoint origins(String... origins) {
        return new TestEndpoint(path, subprotocols, Set.of(origins), idleTimeoutSeconds, endpointClassName, dispatchers);
    }

    TestEndpoint idleTimeoutSeconds(int seconds) {
        return new TestEndpoint(path, subprotocols, allowedOrigins, seconds, endpointClassName, dispatchers);
    }

    @Override
    public WebSocketDispatcher newDispatcher(HandshakeRequest request) {
        return dispatchers.get();
    }
}
