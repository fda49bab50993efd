package test;

import io.wsconnector.runtime.HandshakeRequest;
import io.wsconnector.runtime.spi.WebSocketDispatcher;
import io.wsconnector.runtime.spi.WebSocketEndpoint;
import java.util.Objects;
import java.util.function.Supplier;
import javax.annotation.processing.Generated;

/**
 * Serves {@link Blob} at {@value #PATH}. Found by the wsconnector runtime through
 * {@link java.util.ServiceLoader}, or given to it with {@code addEndpoint}.
 */
@Generated("io.wsconnector.processor.WebSocketProcessor")
public final class Blob_WebSocketEndpoint implements WebSocketEndpoint {
    /**
     * The path the endpoint is served at.
     */
    public static final String PATH = "/blob";

    private final Supplier<? extends Blob> instances;

    /**
     * Serves each connection with a new {@link Blob}.
     */
    public Blob_WebSocketEndpoint() {
        this(Blob::new);
    }

    /**
     * Serves each connection with the {@link Blob} that {@code instances} supplies.
     *
     * @param instances called once per connection; may return a new or a shared instance
     */
    public Blob_WebSocketEndpoint(Supplier<? extends Blob> instances) {
        this.instances = Objects.requireNonNull(instances, "instances");
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public String endpointClassName() {
        return "test.Blob";
    }

    @Override
    public WebSocketDispatcher newDispatcher(HandshakeRequest request) {
        Blob endpoint = Objects.requireNonNull(instances.get(), "the instances supplier returned null");
        return new Blob_WebSocketDispatcher(endpoint);
    }
}
