package test;

import io.wsconnector.runtime.HandshakeRequest;
import io.wsconnector.runtime.spi.WebSocketDispatcher;
import io.wsconnector.runtime.spi.WebSocketEndpoint;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import javax.annotation.processing.Generated;

/**
 * Serves {@link ChatRoom} at {@value #PATH}. Found by the wsconnector runtime through
 * {@link java.util.ServiceLoader}, or given to it with {@code addEndpoint}.
 */
@Generated("io.wsconnector.processor.WebSocketProcessor")
public final class ChatRoom_WebSocketEndpoint implements WebSocketEndpoint {
    /**
     * The path the endpoint is served at.
     */
    public static final String PATH = "/chat/rooms/{room}/{userId}";

    private final Supplier<? extends ChatRoom> instances;

    /**
     * Serves each connection with a new {@link ChatRoom}.
     */
    public ChatRoom_WebSocketEndpoint() {
        this(ChatRoom::new);
    }

    /**
     * Serves each connection with the {@link ChatRoom} that {@code instances} supplies.
     *
     * @param instances called once per connection; may return a new or a shared instance
     */
    public ChatRoom_WebSocketEndpoint(Supplier<? extends ChatRoom> instances) {
        this.instances = Objects.requireNonNull(instances, "instances");
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public List<String> subprotocols() {
        return List.of("chat.v2", "chat.v1");
    }

    @Override
    public Set<String> allowedOrigins() {
        return Set.of("https://chat.example.com", "http://localhost:8080");
    }

    @Override
    public int idleTimeoutSeconds() {
        return 30;
    }

    @Override
    public String endpointClassName() {
        return "test.ChatRoom";
    }

    @Override
    public WebSocketDispatcher newDispatcher(HandshakeRequest request) {
        ChatRoom endpoint = Objects.requireNonNull(instances.get(), "the instances supplier returned null");
        return new ChatRoom_WebSocketDispatcher(endpoint, request);
    }
}
