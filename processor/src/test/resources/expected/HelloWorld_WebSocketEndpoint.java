package test;

import io.wsconnector.runtime.HandshakeRequest;
import io.wsconnector.runtime.spi.WebSocketDispatcher;
import io.wsconnector.runtime.spi.WebSocketEndpoint;
import java.util.Objects;
import java.util.function.Supplier;
import javax.annotation.processing.Generated;

/**
 * Serves {@link HelloWorld} at {@value #PATH}. Found by the wsconnector runtime through
 * {@link java.util.ServiceLoader}, or given to it with {@code addEndpoint}.
 */
@Generated("io.wsconnector.processor.WebSocketProcessor")
public final class HelloWorld_WebSocketEndpoint implements WebSocketEndpoint {
    /**
     * The path the endpoint is served at.
     */
    public static final String PATH = "/test/websocket";

    private final Supplier<? extends HelloWorld> instances;

    /**
     * Serves each connection with a new {@link HelloWorld}.
     */
    public HelloWorld_WebSocketEndpoint() {
        this(HelloWorld::new);
    }

    /**
     * Serves each connection with the {@link HelloWorld} that {@code instances} supplies.
     *
     * @param instances called once per connection; may return a new or a shared instance
     */
    public HelloWorld_WebSocketEndpoint(Supplier<? extends HelloWorld> instances) {
        this.instances = Objects.requireNonNull(instances, "instances");
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public String endpointClassName() {
        return "test.HelloWorld";
    }

    @Override
    public WebSocketDispatcher newDispatcher(HandshakeRequest request) {
        HelloWorld endpoint = Objects.requireNonNull(instances.get(), "the instances supplier returned null");
        return new HelloWorld_WebSocketDispatcher(endpoint);
    }
}
