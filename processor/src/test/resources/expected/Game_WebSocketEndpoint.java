package test;

import io.wsconnector.runtime.HandshakeRequest;
import io.wsconnector.runtime.spi.WebSocketDispatcher;
import io.wsconnector.runtime.spi.WebSocketEndpoint;
import java.util.Objects;
import java.util.function.Supplier;
import javax.annotation.processing.Generated;

/**
 * Serves {@link Game} at {@value #PATH}. Found by the wsconnector runtime through
 * {@link java.util.ServiceLoader}, or given to it with {@code addEndpoint}.
 */
@Generated("io.wsconnector.processor.WebSocketProcessor")
public final class Game_WebSocketEndpoint implements WebSocketEndpoint {
    /**
     * The path the endpoint is served at.
     */
    public static final String PATH = "/game";

    private final Supplier<? extends Game> instances;

    /**
     * Serves each connection with a new {@link Game}.
     */
    public Game_WebSocketEndpoint() {
        this(Game::new);
    }

    /**
     * Serves each connection with the {@link Game} that {@code instances} supplies.
     *
     * @param instances called once per connection; may return a new or a shared instance
     */
    public Game_WebSocketEndpoint(Supplier<? extends Game> instances) {
        this.instances = Objects.requireNonNull(instances, "instances");
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public String endpointClassName() {
        return "test.Game";
    }

    @Override
    public WebSocketDispatcher newDispatcher(HandshakeRequest request) {
        Game endpoint = Objects.requireNonNull(instances.get(), "the instances supplier returned null");
        return new Game_WebSocketDispatcher(endpoint);
    }
}
