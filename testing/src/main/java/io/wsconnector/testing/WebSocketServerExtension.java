package io.wsconnector.testing;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import io.wsconnector.runtime.WebSocketServer;
import io.wsconnector.runtime.spi.WebSocketEndpoint;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Serves endpoints on a free port of 127.0.0.1 for a test class, and connects clients to them
 * ({@link WebSocketClients}), which it closes after each test. Either through {@link WebSocketTest}, or
 * registered in a static field, to build the endpoints or configure the server:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final WebSocketServerExtension SERVER = WebSocketServerExtension.serving(
 *                 new Chat_WebSocketEndpoint(() -> new Chat(rooms)))
 *         .configure(builder -> builder.maxMessageSize(1024));
 * }</pre>
 *
 * <p>Registered in a static field (or through the annotation), the server serves every test of the class;
 * in an instance field, each test gets its own. Tests take {@link WebSocketClients} and
 * {@link WebSocketServer} parameters, or use {@link #clients()} and {@link #server()}.
 */
public final class WebSocketServerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {
    private final List<WebSocketEndpoint> endpoints;
    private final boolean fromAnnotation;
    private Consumer<WebSocketServer.Builder> configuration = builder -> { };

    private WebSocketServer server;
    private WebSocketClients clients;
    /** Whether the server was started for the whole class (else for one test). */
    private boolean perClass;

    /** Used by {@link WebSocketTest}: the endpoints are the annotation's. */
    public WebSocketServerExtension() {
        this(List.of(), true);
    }

    private WebSocketServerExtension(List<WebSocketEndpoint> endpoints, boolean fromAnnotation) {
        this.endpoints = new ArrayList<>(endpoints);
        this.fromAnnotation = fromAnnotation;
    }

    /**
     * Serves exactly these endpoints (no discovery).
     *
     * @param endpoints generated endpoint registrations, e.g. {@code new Chat_WebSocketEndpoint(() -> new Chat(rooms))}
     * @return the extension, to register with {@code @RegisterExtension}
     */
    public static WebSocketServerExtension serving(WebSocketEndpoint... endpoints) {
        if (endpoints.length == 0) {
            throw new IllegalArgumentException("Name at least one endpoint, or use discovering()");
        }
        return new WebSocketServerExtension(List.of(endpoints), false);
    }

    /**
     * Serves every endpoint discovery finds on the test's class path.
     *
     * @return the extension, to register with {@code @RegisterExtension}
     */
    public static WebSocketServerExtension discovering() {
        return new WebSocketServerExtension(List.of(), false);
    }

    /**
     * Configures the server further, before it is built: any {@code WebSocketServer.Builder} setting (limits,
     * timeouts, origins, HTTP routes, metrics, configuration). Host, port and endpoints are the extension's.
     *
     * @param configuration changes the builder
     * @return this extension
     */
    public WebSocketServerExtension configure(Consumer<WebSocketServer.Builder> configuration) {
        this.configuration = this.configuration.andThen(configuration);
        return this;
    }

    /**
     * The running server.
     *
     * @return the server
     * @throws IllegalStateException outside the tests it serves
     */
    public WebSocketServer server() {
        if (server == null) {
            throw new IllegalStateException("The server runs only while the test class's tests run");
        }
        return server;
    }

    /**
     * Connects clients to the running server.
     *
     * @return the clients' factory
     * @throws IllegalStateException outside the tests it serves
     */
    public WebSocketClients clients() {
        server();
        return clients;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        perClass = true;
        start(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (server == null) {
            start(context); // registered in an instance field: a server per test
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (clients != null) {
            clients.closeAll();
        }
        if (!perClass) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == WebSocketClients.class || type == WebSocketServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == WebSocketServer.class ? server() : clients();
    }

    private void start(ExtensionContext context) throws Exception {
        WebSocketServer.Builder builder = WebSocketServer.builder().host("127.0.0.1").port(0);
        List<WebSocketEndpoint> served = fromAnnotation ? annotatedEndpoints(context) : endpoints;
        builder.discoverEndpoints(served.isEmpty());
        served.forEach(builder::addEndpoint);
        configuration.accept(builder);
        server = builder.build().start();
        clients = new WebSocketClients(server.port());
    }

    private void stop() {
        WebSocketServer running = server;
        server = null;
        if (running != null) {
            running.stop();
        }
    }

    private static List<WebSocketEndpoint> annotatedEndpoints(ExtensionContext context) throws Exception {
        Optional<WebSocketTest> annotation = context.getTestClass()
                .flatMap(type -> AnnotationSupport.findAnnotation(type, WebSocketTest.class));
        List<WebSocketEndpoint> created = new ArrayList<>();
        for (Class<? extends WebSocketEndpoint> type : annotation.map(WebSocketTest::value)
                .orElse(emptyEndpoints())) {
            try {
                created.add(type.getConstructor().newInstance());
            } catch (NoSuchMethodException e) {
                throw new ExtensionConfigurationException(type.getName() + " has no public no-argument constructor "
                        + "(its endpoint class has none): register WebSocketServerExtension.serving(new "
                        + type.getSimpleName() + "(() -> ...)) in a static field instead", e);
            } catch (InvocationTargetException e) {
                throw new ExtensionConfigurationException("Creating " + type.getName() + " failed", e.getCause());
            }
        }
        return created;
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends WebSocketEndpoint>[] emptyEndpoints() {
        return new Class[0];
    }
}
