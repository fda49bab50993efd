package test;

import io.wsconnector.runtime.HandshakeRequest;
import io.wsconnector.runtime.spi.WebSocketDispatcher;
import io.wsconnector.runtime.spi.WebSocketEndpoint;
import java.util.Objects;
import java.util.function.Supplier;
import javax.annotation.processing.Generated;

/**
 * Serves {@link Echo} at {@value #PATH}. Found by the wsconnector runtime through
 * {@link java.util.ServiceLoader}, or given to it with {@code addEndpoint}.
 */
@Generated("io.wsconnector.processor.WebSocketProcessor")
public final class Echo_WebSocketEndpoint implements WebSocketEndpoint {
    /**
     * The path the endpoint is served at.
     */
    public static final String PATH = "/echo";

    private final Supplier<? extends Echo> instances;

    /**
     * Serves each connection with a new {@link Echo}.
     */
    public Echo_WebSocketEndpoint() {
        this(Echo::new);
    }

    /**
     * Serves each connection with the {@link Echo} that {@code instances} supplies.
     *
     * @param instances called once per connection; may return a new or a shared instance
     */
    public Echo_WebSocketEndpoint(Supplier<? extends Echo> instances) {
        this.instances = Objects.requireNonNull(instances, "instances");
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public String endpointClassName() {
        return "test.Echo";
    }

    @Override
    public WebSocketDispatcher newDispatcher(HandshakeRequest request) {
        Echo endpoint = Objects.requireNonNull(instances.get(), "the instances supplier returned null");
        return new Echo_WebSocketDispatcher(endpoint);
    }
}
