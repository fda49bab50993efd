package test;

import io.wsconnector.runtime.HandshakeRequest;
import io.wsconnector.runtime.spi.WebSocketDispatcher;
import io.wsconnector.runtime.spi.WebSocketEndpoint;
import java.util.Objects;
import java.util.function.Supplier;
import javax.annotation.processing.Generated;

/**
 * Serves {@link Outer.Inner} at {@value #PATH}. Found by the wsconnector runtime through
 * {@link java.util.ServiceLoader}, or given to it with {@code addEndpoint}.
 */
@Generated("io.wsconnector.processor.WebSocketProcessor")
public final class Outer_Inner_WebSocketEndpoint implements WebSocketEndpoint {
    /**
     * The path the endpoint is served at.
     */
    public static final String PATH = "/inner";

    private final Supplier<? extends Outer.Inner> instances;

    /**
     * Serves each connection with a new {@link Outer.Inner}.
     */
    public Outer_Inner_WebSocketEndpoint() {
        this(Outer.Inner::new);
    }

    /**
     * Serves each connection with the {@link Outer.Inner} that {@code instances} supplies.
     *
     * @param instances called once per connection; may return a new or a shared instance
     */
    public Outer_Inner_WebSocketEndpoint(Supplier<? extends Outer.Inner> instances) {
        this.instances = Objects.requireNonNull(instances, "instances");
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public String endpointClassName() {
        return "test.Outer.Inner";
    }

    @Override
    public WebSocketDispatcher newDispatcher(HandshakeRequest request) {
        Outer.Inner endpoint = Objects.requireNonNull(instances.get(), "the instances supplier returned null");
        return new Outer_Inner_WebSocketDispatcher(endpoint);
    }
}
