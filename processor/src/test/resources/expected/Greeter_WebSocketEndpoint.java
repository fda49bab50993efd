package test;

import io.wsconnector.runtime.HandshakeRequest;
import io.wsconnector.runtime.spi.WebSocketDispatcher;
import io.wsconnector.runtime.spi.WebSocketEndpoint;
import java.util.Objects;
import java.util.function.Supplier;
import javax.annotation.processing.Generated;

/**
 * Serves {@link Greeter} at {@value #PATH}. Given to the wsconnector runtime with
 * {@code addEndpoint} and a supplier of instances: {@code Greeter} has no no-argument
 * constructor, so the runtime cannot find it through {@link java.util.ServiceLoader}.
 */
@Generated("io.wsconnector.processor.WebSocketProcessor")
public final class Greeter_WebSocketEndpoint implements WebSocketEndpoint {
    /**
     * The path the endpoint is served at.
     */
    public static final String PATH = "/greeter";

    private final Supplier<? extends Greeter> instances;

    /**
     * Serves each connection with the {@link Greeter} that {@code instances} supplies.
     *
     * @param instances called once per connection; may return a new or a shared instance
     */
    public Greeter_WebSocketEndpoint(Supplier<? extends Greeter> instances) {
        this.instances = Objects.requireNonNull(instances, "instances");
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public String endpointClassName() {
        return "test.Greeter";
    }

    @Override
    public WebSocketDispatcher newDispatcher(HandshakeRequest request) {
        Greeter endpoint = Objects.requireNonNull(instances.get(), "the instances supplier returned null");
        return new Greeter_WebSocketDispatcher(endpoint);
    }
}
