package io.wsconnector.runtime.spi;

/**
 * Binds an endpoint class to its path. The wsconnector processor generates one for each class
 * annotated with {@code @WebSocketUpgradePath} and lists it in
 * {@code META-INF/services/io.wsconnector.runtime.spi.WebSocketEndpoint}, so the runtime finds it
 * through {@link java.util.ServiceLoader} without scanning the class path.
 */
public interface WebSocketEndpoint {

    /**
     * The path the endpoint is served at, e.g. {@code /test/websocket}.
     *
     * @return the path, starting with {@code /}
     */
    String path();

    /**
     * The fully qualified name of the endpoint class, for logs and error messages.
     *
     * @return the endpoint class's name
     */
    String endpointClassName();

    /**
     * Creates the dispatcher for a new connection, with the endpoint instance that serves it.
     *
     * @return a dispatcher used by one connection only
     */
    WebSocketDispatcher newDispatcher();
}
