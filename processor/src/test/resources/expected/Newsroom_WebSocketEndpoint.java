package test;

import io.wsconnector.runtime.HandshakeRequest;
import io.wsconnector.runtime.spi.WebSocketDispatcher;
import io.wsconnector.runtime.spi.WebSocketEndpoint;
import java.util.Objects;
import java.util.function.Supplier;
import javax.annotation.processing.Generated;

/**
 * Serves {@link Newsroom} at {@value #PATH}. Found by the wsconnector runtime through
 * {@link java.util.ServiceLoader}, or given to it with {@code addEndpoint}.
 */
@Generated("io.wsconnector.processor.WebSocketProcessor")
public final class Newsroom_WebSocketEndpoint implements WebSocketEndpoint {
    /**
     * The path the endpoint is served at.
     */
    public static final String PATH = "/news/{desk}";

    private final Supplier<? extends Newsroom> instances;

    /**
     * Serves each connection with a new {@link Newsroom}.
     */
    public Newsroom_WebSocketEndpoint() {
        this(Newsroom::new);
    }

    /**
     * Serves each connection with the {@link Newsroom} that {@code instances} supplies.
     *
     * @param instances called once per connection; may return a new or a shared instance
     */
    public Newsroom_WebSocketEndpoint(Supplier<? extends Newsroom> instances) {
        this.instances = Objects.requireNonNull(instances, "instances");
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public String endpointClassName() {
        return "test.Newsroom";
    }

    @Override
    public WebSocketDispatcher newDispatcher(HandshakeRequest request) {
        Newsroom endpoint = Objects.requireNonNull(instances.get(), "the instances supplier returned null");
        return new Newsroom_WebSocketDispatcher(endpoint, request);
    }
}
