package io.wsconnector.runtime.spi;

import java.util.List;
import java.util.Set;

import io.wsconnector.runtime.HandshakeRequest;

/**
 * Binds an endpoint class to its path. The wsconnector processor generates one for each class
 * annotated with {@code @WebSocketUpgradePath} and lists it in
 * {@code META-INF/services/io.wsconnector.runtime.spi.WebSocketEndpoint}, so the runtime finds it
 * through {@link java.util.ServiceLoader} without scanning the class path.
 */
public interface WebSocketEndpoint {

    /**
     * The path the endpoint is served at, e.g. {@code /test/websocket}; segments written
     * {@code {name}} are path parameters, e.g. {@code /rooms/{room}}.
     *
     * @return the path or path template, starting with {@code /}
     */
    String path();

    /**
     * The subprotocols the endpoint speaks, most preferred first.
     *
     * @return the subprotocols; empty: none is negotiated
     */
    default List<String> subprotocols() {
        return List.of();
    }

    /**
     * Browser origins allowed to connect, in addition to the server's.
     *
     * @return the origins
     */
    default Set<String> allowedOrigins() {
        return Set.of();
    }

    /**
     * Seconds without a frame from the client after which {@link WebSocketDispatcher#onIdleTimeout}
     * runs; 0: the server's default.
     *
     * @return the idle timeout in seconds, or 0
     */
    default int idleTimeoutSeconds() {
        return 0;
    }

    /**
     * The fully qualified name of the endpoint class, for logs and error messages.
     *
     * @return the endpoint class's name
     */
    String endpointClassName();

    /**
     * Creates the dispatcher for a new connection, with the endpoint instance that serves it, before the
     * server answers the handshake. The handshake values the endpoint's handlers take
     * ({@code @PathParam}, {@code @QueryParam}, {@code @HeaderParam}) are converted here, once, into the
     * dispatcher's final fields.
     *
     * @param request the client's handshake
     * @return a dispatcher used by one connection only
     * @throws io.wsconnector.runtime.UpgradeRejectedException with 400 when a value the handlers need is
     *                                                         missing or does not convert
     */
    WebSocketDispatcher newDispatcher(HandshakeRequest request);
}
