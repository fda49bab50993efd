package test;

import io.wsconnector.runtime.HandshakeRequest;
import io.wsconnector.runtime.spi.WebSocketDispatcher;
import io.wsconnector.runtime.spi.WebSocketEndpoint;
import java.util.Objects;
import java.util.function.Supplier;
import javax.annotation.processing.Generated;

/**
 * Serves {@link Telemetry} at {@value #PATH}. Found by the wsconnector runtime through
 * {@link java.util.ServiceLoader}, or given to it with {@code addEndpoint}.
 */
@Generated("io.wsconnector.processor.WebSocketProcessor")
public final class Telemetry_WebSocketEndpoint implements WebSocketEndpoint {
    /**
     * The path the endpoint is served at.
     */
    public static final String PATH = "/devices/{deviceId}/telemetry/{channel}";

    private final Supplier<? extends Telemetry> instances;

    /**
     * Serves each connection with a new {@link Telemetry}.
     */
    public Telemetry_WebSocketEndpoint() {
        this(Telemetry::new);
    }

    /**
     * Serves each connection with the {@link Telemetry} that {@code instances} supplies.
     *
     * @param instances called once per connection; may return a new or a shared instance
     */
    public Telemetry_WebSocketEndpoint(Supplier<? extends Telemetry> instances) {
        this.instances = Objects.requireNonNull(instances, "instances");
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public String endpointClassName() {
        return "test.Telemetry";
    }

    @Override
    public WebSocketDispatcher newDispatcher(HandshakeRequest request) {
        Telemetry endpoint = Objects.requireNonNull(instances.get(), "the instances supplier returned null");
        return new Telemetry_WebSocketDispatcher(endpoint, request);
    }
}
