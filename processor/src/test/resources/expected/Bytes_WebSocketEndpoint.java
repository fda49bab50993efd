package test;

import io.wsconnector.runtime.HandshakeRequest;
import io.wsconnector.runtime.spi.WebSocketDispatcher;
import io.wsconnector.runtime.spi.WebSocketEndpoint;
import java.util.Objects;
import java.util.function.Supplier;
import javax.annotation.processing.Generated;

/**
 * Serves {@link Bytes} at {@value #PATH}. Found by the wsconnector runtime through
 * {@link java.util.ServiceLoader}, or given to it with {@code addEndpoint}.
 */
@Generated("io.wsconnector.processor.WebSocketProcessor")
public final class Bytes_WebSocketEndpoint implements WebSocketEndpoint {
    /**
     * The path the endpoint is served at.
     */
    public static final String PATH = "/bytes";

    private final Supplier<? extends Bytes> instances;

    /**
     * Serves each connection with a new {@link Bytes}.
     */
    public Bytes_WebSocketEndpoint() {
        this(Bytes::new);
    }

    /**
     * Serves each connection with the {@link Bytes} that {@code instances} supplies.
     *
     * @param instances called once per connection; may return a new or a shared instance
     */
    public Bytes_WebSocketEndpoint(Supplier<? extends Bytes> instances) {
        this.instances = Objects.requireNonNull(instances, "instances");
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public String endpointClassName() {
        return "test.Bytes";
    }

    @Override
    public WebSocketDispatcher newDispatcher(HandshakeRequest request) {
        Bytes endpoint = Objects.requireNonNull(instances.get(), "the instances supplier returned null");
        return new Bytes_WebSocketDispatcher(endpoint);
    }
}
