package test;

import io.wsconnector.runtime.HandshakeRequest;
import io.wsconnector.runtime.spi.WebSocketDispatcher;
import io.wsconnector.runtime.spi.WebSocketEndpoint;
import java.util.Objects;
import java.util.function.Supplier;
import javax.annotation.processing.Generated;

/**
 * Serves {@link Broadcaster} at {@value #PATH}. Found by the wsconnector runtime through
 * {@link java.util.ServiceLoader}, or given to it with {@code addEndpoint}.
 */
@Generated("io.wsconnector.processor.WebSocketProcessor")
public final class Broadcaster_WebSocketEndpoint implements WebSocketEndpoint {
    /**
     * The path the endpoint is served at.
     */
    public static final String PATH = "/broadcast";

    private final Supplier<? extends Broadcaster> instances;

    /**
     * Serves each connection with a new {@link Broadcaster}.
     */
    public Broadcaster_WebSocketEndpoint() {
        this(Broadcaster::new);
    }

    /**
     * Serves each connection with the {@link Broadcaster} that {@code instances} supplies.
     *
     * @param instances called once per connection; may return a new or a shared instance
     */
    public Broadcaster_WebSocketEndpoint(Supplier<? extends Broadcaster> instances) {
        this.instances = Objects.requireNonNull(instances, "instances");
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public String endpointClassName() {
        return "test.Broadcaster";
    }

    @Override
    public WebSocketDispatcher newDispatcher(HandshakeRequest request) {
        Broadcaster endpoint = Objects.requireNonNull(instances.get(), "the instances supplier returned null");
        return new Broadcaster_WebSocketDispatcher(endpoint);
    }
}
