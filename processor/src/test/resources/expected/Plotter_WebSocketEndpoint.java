package test;

import io.wsconnector.runtime.HandshakeRequest;
import io.wsconnector.runtime.spi.WebSocketDispatcher;
import io.wsconnector.runtime.spi.WebSocketEndpoint;
import java.util.Objects;
import java.util.function.Supplier;
import javax.annotation.processing.Generated;

/**
 * Serves {@link Plotter} at {@value #PATH}. Found by the wsconnector runtime through
 * {@link java.util.ServiceLoader}, or given to it with {@code addEndpoint}.
 */
@Generated("io.wsconnector.processor.WebSocketProcessor")
public final class Plotter_WebSocketEndpoint implements WebSocketEndpoint {
    /**
     * The path the endpoint is served at.
     */
    public static final String PATH = "/plotter";

    private final Supplier<? extends Plotter> instances;

    /**
     * Serves each connection with a new {@link Plotter}.
     */
    public Plotter_WebSocketEndpoint() {
        this(Plotter::new);
    }

    /**
     * Serves each connection with the {@link Plotter} that {@code instances} supplies.
     *
     * @param instances called once per connection; may return a new or a shared instance
     */
    public Plotter_WebSocketEndpoint(Supplier<? extends Plotter> instances) {
        this.instances = Objects.requireNonNull(instances, "instances");
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public String endpointClassName() {
        return "test.Plotter";
    }

    @Override
    public WebSocketDispatcher newDispatcher(HandshakeRequest request) {
        Plotter endpoint = Objects.requireNonNull(instances.get(), "the instances supplier returned null");
        return new Plotter_WebSocketDispatcher(endpoint);
    }
}
