package io.wsconnector.runtime;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.helidon.common.config.Config;
import io.helidon.common.tls.Tls;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.wsconnector.runtime.cluster.Cluster;
import io.wsconnector.runtime.cluster.ClusterProvider;
import io.wsconnector.runtime.protocol.ClusterLink;
import io.wsconnector.runtime.protocol.ConnectionCap;
import io.wsconnector.runtime.protocol.ConnectionGate;
import io.wsconnector.runtime.protocol.CountedLog;
import io.wsconnector.runtime.protocol.EndpointMetrics;
import io.wsconnector.runtime.protocol.EndpointRoutes;
import io.wsconnector.runtime.protocol.InboundBudget;
import io.wsconnector.runtime.protocol.ServerClock;
import io.wsconnector.runtime.protocol.ServerServices;
import io.wsconnector.runtime.protocol.WebSocketProtocol;
import io.wsconnector.runtime.spi.WebSocketEndpoint;

/**
 * A Helidon 4 WebServer serving wsconnector endpoints.
 *
 * <pre>{@code
 * WebSocketServer server = WebSocketServer.builder()
 *         .port(9090)
 *         .build()
 *         .start();     // serves every endpoint the processor generated, e.g. ws://localhost:9090/test/websocket
 * ...
 * server.stop();
 * }</pre>
 *
 * <p>By default the endpoints are the ones the wsconnector processor generated, found through
 * {@link ServiceLoader}; {@link Builder#addEndpoint(WebSocketEndpoint)} adds or replaces one (e.g. to
 * construct the endpoint instances yourself), and {@link Builder#discoverEndpoints(boolean)} turns
 * discovery off.
 */
public final class WebSocketServer implements AutoCloseable {
    /** The default limit on a whole message, in bytes: 1 MiB. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024;
    /** The default limit on a session's send queue, in bytes: 1 MiB. */
    public static final int DEFAULT_SEND_QUEUE_LIMIT = 1024 * 1024;
    /** The default soft limit on a session's send queue, in bytes: 256 KiB, for {@link #DEFAULT_SOFT_WINDOW}. */
    public static final int DEFAULT_SEND_QUEUE_SOFT_LIMIT = 256 * 1024;
    /** How long a send queue may stay over its default soft limit: 10 seconds. */
    public static final Duration DEFAULT_SOFT_WINDOW = Duration.ofSeconds(10);
    /** The default time a connection has to send a complete request head: 10 seconds. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /** The default time a message may take from its first frame to its last: 60 seconds. */
    public static final Duration DEFAULT_MESSAGE_TIMEOUT = Duration.ofSeconds(60);

    private static final System.Logger LOGGER = System.getLogger(WebSocketServer.class.getName());

    private final List<WebSocketEndpoint> endpoints;
    private final KeptListener listener;
    private final String host;
    private final int requestedPort;
    private final EndpointRoutes routes;
    private final ServerClock clock;
    private final EndpointCompression compression;
    private final List<HelidonEndpointMetrics> metrics;
    private final Cluster cluster;
    private final ClusterLink clusterLink;

    private WebSocketServer(Builder builder, List<WebSocketEndpoint> endpoints, EndpointRoutes routes,
                            ServerServices services, EndpointCompression compression,
                            List<HelidonEndpointMetrics> metrics, Cluster cluster, ClusterLink clusterLink) {
        this.endpoints = endpoints;
        this.compression = compression;
        this.metrics = metrics;
        this.cluster = cluster;
        this.clusterLink = clusterLink;
        this.host = builder.host;
        this.requestedPort = builder.port;
        this.routes = routes;
        this.clock = services.clock();
        WebSocketProtocol protocol = new WebSocketProtocol(routes, services);
        int cap = builder.maxConnections > 0 ? builder.maxConnections : ConnectionCap.forThisProcess();
        ConnectionGate gate = new ConnectionGate(cap, builder.handshakeTimeout, services.log());
        this.listener = new KeptListener(HelidonListener.configure(builder.host, builder.port, builder.tls, protocol,
                gate, cap, http -> builder.httpRouting.accept(http, this), builder.webServerCustomizer), builder.host,
                services.log());
        clock.add(gate);
        clock.add(services.log());
        clock.add(listener);
        clock.add(now -> routes.collectMessages());
    }

    /**
     * A builder with the defaults: all host addresses, port 8080, 1 MiB messages, discovered
     * endpoints.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts listening and logs each endpoint's URL.
     *
     * @return this server
     * @throws IllegalStateException if the server could not start, e.g. because the port is taken
     */
    public WebSocketServer start() {
        if (cluster != null) {
            clusterLink.join(cluster, routes); // before listening: the first session's id already names the node
        }
        listener.start();
        if (!listener.isRunning() || listener.port() <= 0) {
            listener.stop();
            clusterLink.leave();
            // Helidon logs the cause and reports port -1: name the port that was asked for
            throw new IllegalStateException("The WebSocket server could not listen on " + host + ":" + requestedPort
                    + " (is the port in use?); see the log above");
        }
        clock.start();
        for (WebSocketEndpoint endpoint : endpoints) {
            LOGGER.log(Level.INFO, "Serving " + baseUri() + endpoint.path());
        }
        return this;
    }

    /**
     * The port the server listens on; with {@code port(0)} the one the system chose.
     *
     * @return the bound port, or -1 if the server is not running
     */
    public int port() {
        return listener.port();
    }

    /**
     * Whether the server is listening.
     *
     * @return {@code true} between {@link #start()} and {@link #stop()}
     */
    public boolean isRunning() {
        return listener.isRunning();
    }

    /**
     * The {@code ws://} URI of each endpoint served, with {@code localhost} when listening on all
     * addresses.
     *
     * @return the endpoints' URIs, in path order
     */
    public List<URI> endpointUris() {
        List<URI> uris = new ArrayList<>(endpoints.size());
        for (WebSocketEndpoint endpoint : endpoints) {
            // a template's braces cannot stand in a URI: they are percent-encoded (getPath() shows them)
            uris.add(URI.create(baseUri() + endpoint.path().replace("{", "%7B").replace("}", "%7D")));
        }
        return uris;
    }

    /**
     * The open sessions of an endpoint, with its rooms: to broadcast from outside any handler (a
     * scheduler, an HTTP route). Available from {@link Builder#build()} on.
     *
     * @param endpointClass the class annotated with {@code @WebSocketUpgradePath}
     * @return its sessions
     * @throws IllegalArgumentException if the server does not serve that class
     */
    public WebSocketSessions sessions(Class<?> endpointClass) {
        String name = endpointClass.getCanonicalName();
        for (WebSocketEndpoint endpoint : endpoints) {
            if (endpoint.endpointClassName().equals(name)) {
                return routes.sessions(endpoint.path());
            }
        }
        throw new IllegalArgumentException("This server does not serve " + name + "; it serves "
                + endpoints.stream().map(WebSocketEndpoint::endpointClassName).toList());
    }

    /**
     * The open sessions of the endpoint at a path, with its rooms.
     *
     * @param path the endpoint's path or path template, as declared, e.g. {@code /chat/{room}}
     * @return its sessions
     * @throws IllegalArgumentException if no endpoint has that path
     */
    public WebSocketSessions sessions(String path) {
        WebSocketSessions sessions = routes.sessions(path);
        if (sessions == null) {
            throw new IllegalArgumentException("No endpoint has the path " + path + "; the paths are "
                    + endpoints.stream().map(WebSocketEndpoint::path).toList());
        }
        return sessions;
    }

    private String baseUri() {
        String displayHost = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
        return (listener.hasTls() ? "wss" : "ws") + "://" + displayHost + ":" + port();
    }

    /**
     * Stops listening, closes every connection, stops the thread that keeps the server's timeouts and leaves
     * the cluster.
     */
    public void stop() {
        try {
            listener.stop();
        } finally {
            clock.stop();
            routes.collectMessages(); // those counted since the last tick, the connections being closed
            compression.close();
            metrics.forEach(HelidonEndpointMetrics::unregister);
            clusterLink.leave();
        }
    }

    /**
     * Same as {@link #stop()}.
     */
    @Override
    public void close() {
        stop();
    }

    /**
     * Configures a {@link WebSocketServer}.
     */
    public static final class Builder {
        private final Map<String, WebSocketEndpoint> explicitEndpoints = new LinkedHashMap<>();
        private final EndpointSettings defaults = EndpointSettings.defaults();
        /** Settings configured for one endpoint, by its path, and where they were configured. */
        private final Map<String, EndpointSettings> endpointSettings = new LinkedHashMap<>();
        private final Map<String, String> endpointSettingsKeys = new LinkedHashMap<>();
        private String host = "0.0.0.0";
        private int port = 8080;
        private Tls tls;
        private boolean discoverEndpoints = true;
        private MeterRegistry meterRegistry;
        private Cluster cluster;
        /** Configuration's {@code cluster}: a cluster's URI, for a {@link ClusterProvider}. */
        private URI clusterUri;
        private int maxConnections = -1;
        private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
        private long inboundBufferLimit = -1;
        private ClassLoader classLoader;
        private Consumer<WebServerConfig.Builder> webServerCustomizer = config -> { };
        private BiConsumer<HttpRouting.Builder, WebSocketServer> httpRouting = (http, server) -> { };

        private Builder() {
        }

        /**
         * The address to listen on; {@code 0.0.0.0} (all addresses) by default.
         *
         * @param host a host name or address
         * @return this builder
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * The port to listen on; 8080 by default, {@code 0} for any free port (see
         * {@link WebSocketServer#port()}).
         *
         * @param port the port
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The largest message accepted, in bytes, after fragments are joined; a larger one closes the
         * connection with 1009. 1 MiB by default.
         *
         * @param bytes the limit, at least 1
         * @return this builder
         */
        public Builder maxMessageSize(int bytes) {
            defaults.maxMessageSize(bytes);
            return this;
        }

        /**
         * The most bytes a session's send queue holds before the {@link #slowConsumerPolicy slow-consumer
         * policy} applies; 1 MiB by default. The queue holds messages sent to the session from other
         * threads (broadcasts, other sessions, schedulers) that its client has not taken yet; a message is
         * always accepted into an empty queue, whatever its size. Memory is bounded by the limit per session
         * (less for broadcasts, whose bytes all recipients share).
         *
         * @param bytes the limit, at least 1
         * @return this builder
         */
        public Builder sendQueueLimit(int bytes) {
            defaults.sendQueueLimit(bytes);
            return this;
        }

        /**
         * The send-queue limit of one endpoint, instead of the server's.
         *
         * @param endpointPath the endpoint's path or path template, as declared
         * @param bytes        the limit, at least 1
         * @return this builder
         * @see #sendQueueLimit(int)
         */
        public Builder sendQueueLimit(String endpointPath, int bytes) {
            Objects.requireNonNull(endpointPath, "endpointPath");
            endpointSettings(endpointPath, "sendQueueLimit(\"" + endpointPath + "\", ...)").sendQueueLimit(bytes);
            return this;
        }

        /**
         * The soft limit of a session's send queue: a queue over it, without a break, for longer than
         * {@code window} has its session closed with 1008, as if it had passed the {@link #sendQueueLimit
         * hard limit}. So a burst that the client reads within the window closes no one, and a client that
         * has stopped reading is closed before its queue reaches the hard limit (Redis judges its clients'
         * output buffers so). With the {@link SlowConsumerPolicy#CLOSE} policy only, and under the hard limit;
         * checked every 100 ms. 256 KiB for 10 seconds by default.
         *
         * @param bytes  the soft limit; 0 for none
         * @param window how long a queue may stay over it
         * @return this builder
         */
        public Builder sendQueueSoftLimit(int bytes, Duration window) {
            defaults.sendQueueSoftLimit(bytes, window);
            return this;
        }

        /**
         * The soft limit of one endpoint's send queues, instead of the server's.
         *
         * @param endpointPath the endpoint's path or path template, as declared
         * @param bytes        the soft limit; 0 for none
         * @param window       how long a queue may stay over it
         * @return this builder
         * @see #sendQueueSoftLimit(int, Duration)
         */
        public Builder sendQueueSoftLimit(String endpointPath, int bytes, Duration window) {
            Objects.requireNonNull(endpointPath, "endpointPath");
            endpointSettings(endpointPath, "sendQueueSoftLimit(\"" + endpointPath + "\", ...)")
                    .sendQueueSoftLimit(bytes, window);
            return this;
        }

        /**
         * The most connections the server holds at once, WebSocket or not. At the cap it accepts no more:
         * new connections wait in the operating system's accept queue (the listen backlog; beyond it the
         * system refuses them) and are served in turn as others close; reaching the cap is logged, at most
         * once a minute. By default the cap is derived from the process's limit of open files, keeping a
         * tenth of it (at least 128, at most half) for the rest of the process: Helidon's listener takes a
         * failed accept as fatal (the server then listens again, but the connections are lost). Without a
         * known limit, there is no cap.
         *
         * @param connections the cap, at least 1
         * @return this builder
         */
        public Builder maxConnections(int connections) {
            if (connections < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1, not " + connections);
            }
            this.maxConnections = connections;
            return this;
        }

        /**
         * How long a connection may take to send a complete request head: the upgrade request (or a plain
         * HTTP request) from its acceptance, or the next request from the previous response on a kept-alive
         * HTTP connection. A connection that does not is closed without an answer, and counted in the log
         * rather than logged one by one. 10 seconds by default. An upgraded connection has the idle and
         * message timeouts instead.
         *
         * @param timeout the timeout, positive
         * @return this builder
         */
        public Builder handshakeTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("handshakeTimeout must be positive, not " + timeout);
            }
            this.handshakeTimeout = timeout;
            return this;
        }

        /**
         * The most bytes all connections together may buffer of the messages they are receiving. Each
         * connection keeps up to 64 KiB of its own; a larger message buffer is charged here as it grows, and
         * given back once the message has been handled. A message that would pass the limit closes its
         * connection with 1013 (try again later), or 1009 if it alone is larger than the limit: many large
         * messages at once fail one by one instead of exhausting the heap. A quarter of the maximum heap by
         * default.
         *
         * @param bytes the limit, at least 1
         * @return this builder
         */
        public Builder inboundBufferLimit(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("inboundBufferLimit must be at least 1 byte, not " + bytes);
            }
            this.inboundBufferLimit = bytes;
            return this;
        }

        /**
         * How long a message may take from its first frame to its last; one that is not complete by then
         * closes its connection with 1008, so that a client trickling fragments (each of them activity for
         * the idle timeout) cannot hold a buffer for ever. 60 seconds by default: allow for the largest
         * message from the slowest client.
         *
         * @param timeout the timeout, positive; {@link Duration#ZERO} for none
         * @return this builder
         */
        public Builder messageTimeout(Duration timeout) {
            defaults.messageTimeout(timeout);
            return this;
        }

        /**
         * What happens to a session whose send queue is full; {@link SlowConsumerPolicy#CLOSE} (close it
         * with 1008) by default.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder slowConsumerPolicy(SlowConsumerPolicy policy) {
            defaults.slowConsumerPolicy(policy);
            return this;
        }

        /**
         * Browser origins allowed to connect, e.g. {@code https://app.example.com}; {@code *} allows any.
         * Without any, a request with an {@code Origin} header is accepted only when the origin's host
         * and port are the request's {@code Host} (same-origin pages); requests without {@code Origin}
         * (clients that are not browsers) are always accepted. A refused origin gets 403.
         *
         * @param origins origins, exactly as browsers send them (scheme, host, and port if not the default)
         * @return this builder
         */
        public Builder allowedOrigins(String... origins) {
            defaults.addAllowedOrigins(origins);
            return this;
        }

        /**
         * How long the server waits for the client's close frame after sending its own before it closes
         * the TCP connection anyway; 5 seconds by default.
         *
         * @param timeout the wait, positive
         * @return this builder
         */
        public Builder closeTimeout(Duration timeout) {
            defaults.closeTimeout(timeout);
            return this;
        }

        /**
         * How long a connection may go without receiving any frame (data, ping, pong or close) before the
         * endpoint's {@code @OnIdleTimeout} runs, for endpoints that set no
         * {@code @WebSocketUpgradePath(idleTimeoutSeconds = ...)} of their own. Without an
         * {@code @OnIdleTimeout} method, the connection is closed with 1001; with one, it stays open unless
         * the method closes it, and the timeout starts again. None by default.
         *
         * <p>The timeouts are checked by a single thread per server, every 100 ms: a timeout fires up to
         * that much later than due.
         *
         * @param timeout the timeout, positive; {@link Duration#ZERO} for none
         * @return this builder
         */
        public Builder idleTimeout(Duration timeout) {
            defaults.idleTimeout(timeout);
            return this;
        }

        /**
         * Serves this endpoint, replacing a discovered one with the same path. Use it to build the
         * endpoint instances yourself, e.g.
         * {@code addEndpoint(new Chat_WebSocketEndpoint(() -> new Chat(repository)))}.
         *
         * @param endpoint a generated endpoint registration
         * @return this builder
         * @throws IllegalArgumentException if another endpoint was added with the same path
         */
        public Builder addEndpoint(WebSocketEndpoint endpoint) {
            Objects.requireNonNull(endpoint, "endpoint");
            WebSocketEndpoint previous = explicitEndpoints.putIfAbsent(endpoint.path(), endpoint);
            if (previous != null) {
                throw new IllegalArgumentException(EndpointDiscovery.duplicatePathMessage(previous, endpoint));
            }
            return this;
        }

        /**
         * Whether to serve the endpoints generated by the wsconnector processor, found through
         * {@link ServiceLoader}; {@code true} by default.
         *
         * @param discover {@code false} to serve only the endpoints added explicitly
         * @return this builder
         */
        public Builder discoverEndpoints(boolean discover) {
            this.discoverEndpoints = discover;
            return this;
        }

        /**
         * The class loader that discovery searches; the thread's context class loader by default.
         *
         * @param classLoader the class loader
         * @return this builder
         */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
            return this;
        }

        /**
         * Plain HTTP routes served next to the endpoints on the same port, e.g. a page with the client:
         * {@code .httpRouting(http -> http.get("/", (req, res) -> res.send(page)))}. A plain GET on an
         * endpoint's own path is answered 426 before these routes.
         *
         * @param routes adds routes to Helidon's HTTP routing
         * @return this builder
         */
        public Builder httpRouting(Consumer<HttpRouting.Builder> routes) {
            Objects.requireNonNull(routes, "routes");
            this.httpRouting = (http, server) -> routes.accept(http);
            return this;
        }

        /**
         * Plain HTTP routes served next to the endpoints, with the server they are served by, so that a
         * route can reach the endpoints' sessions, e.g.
         * {@code .httpRouting((http, server) -> http.post("/announce", (req, res) -> res.send(
         * "" + server.sessions(Chat.class).broadcastText(req.content().as(String.class)))))}. The routes are
         * set up while the server is built, before it listens: use the server in their handlers (its
         * {@link WebSocketServer#sessions sessions} are there from the start, its {@link WebSocketServer#port()}
         * once it is started). Replaces routes given before.
         *
         * @param routes adds routes to Helidon's HTTP routing, given the server
         * @return this builder
         */
        public Builder httpRouting(BiConsumer<HttpRouting.Builder, WebSocketServer> routes) {
            this.httpRouting = Objects.requireNonNull(routes, "routes");
            return this;
        }

        /**
         * Adjusts the underlying Helidon WebServer configuration, after wsconnector has set it up: TLS,
         * connection options, further listeners or HTTP routing.
         *
         * @param customizer changes the Helidon builder
         * @return this builder
         */
        public Builder webServer(Consumer<WebServerConfig.Builder> customizer) {
            this.webServerCustomizer = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        /**
         * Whether and how messages are compressed with clients that offer {@code permessage-deflate} (RFC
         * 7692), for endpoints without a setting of their own; {@link Compression#defaults()} by default:
         * on, keeping no compression context between messages, which costs an idle connection under 2 KiB.
         *
         * @param compression the setting, e.g. {@link Compression#disabled()}
         * @return this builder
         */
        public Builder compression(Compression compression) {
            defaults.compression(compression);
            return this;
        }

        /**
         * The compression of one endpoint, instead of the server's.
         *
         * @param endpointPath the endpoint's path or path template, as declared
         * @param compression  the setting
         * @return this builder
         * @see #compression(Compression)
         */
        public Builder compression(String endpointPath, Compression compression) {
            Objects.requireNonNull(endpointPath, "endpointPath");
            endpointSettings(endpointPath, "compression(\"" + endpointPath + "\", ...)").compression(compression);
            return this;
        }

        /**
         * Makes the server a node of a cluster: broadcasts to an endpoint or a room (without a filter, or to
         * everyone but one session) and sends to a session id reach the sessions on every node, e.g.
         * {@code .cluster(RedisCluster.connect("redis://localhost:6379"))} with {@code wsconnector-cluster-redis}.
         * Without this call, the server joins the cluster named by the configuration key {@code cluster}, or
         * else by the system property {@value ClusterProvider#PROPERTY} or the environment variable
         * {@value ClusterProvider#ENVIRONMENT}, if one is set, through a {@link ClusterProvider} on the class
         * path; otherwise it is in none.
         *
         * @param cluster the cluster, joined when the server starts
         * @return this builder
         */
        public Builder cluster(Cluster cluster) {
            this.cluster = Objects.requireNonNull(cluster, "cluster");
            return this;
        }

        /** Configuration's {@code cluster}: the URI of the cluster to join, e.g. {@code redis://localhost:6379}. */
        void clusterUri(URI uri) {
            this.clusterUri = Objects.requireNonNull(uri, "uri");
        }

        /**
         * Applies the settings under a Helidon configuration node, by convention {@code wsconnector.server}
         * (from {@code application.yaml}, environment variables, system properties), e.g.
         * {@code .config(Config.create().get("wsconnector.server"))}: {@code host}, {@code port}, {@code tls}
         * (Helidon's TLS keys), {@code discover-endpoints}, {@code max-message-size}, {@code idle-timeout},
         * {@code close-timeout}, {@code allowed-origins}, {@code send-queue-limit},
         * {@code slow-consumer-policy}, and under {@code endpoints."<path>"} those of them an endpoint can
         * override (the README lists the keys). Settings made after this call win; a missing node changes
         * nothing.
         *
         * @param config the server's configuration node
         * @return this builder
         * @throws IllegalArgumentException naming the key, for an unknown key or a bad value
         */
        public Builder config(Config config) {
            ServerConfigKeys.apply(Objects.requireNonNull(config, "config"), this);
            return this;
        }

        /**
         * Counts each endpoint's connections, handshakes refused, messages and bytes in and out, close
         * codes, handler errors, send-queue drops and slow-consumer closes in this registry, tagged with the
         * endpoint's path template (the README lists the meters); none by default. Helidon's
         * {@code Metrics.globalRegistry()} is the one its {@code /observe/metrics} endpoint serves (backed by
         * Micrometer with {@code helidon-metrics-providers-micrometer}); configuration's {@code metrics: true}
         * picks it.
         *
         * @param registry where to count
         * @return this builder
         */
        public Builder metrics(MeterRegistry registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** Configuration's {@code metrics}: Helidon's global registry, or none. */
        void globalMetrics(boolean enabled) {
            this.meterRegistry = enabled ? Metrics.globalRegistry() : null;
        }

        /** The server's own settings, which endpoints inherit. */
        EndpointSettings defaults() {
            return defaults;
        }

        /**
         * The settings configured for the endpoint with this path, instead of the server's.
         *
         * @param path      the endpoint's path or path template, as declared
         * @param source    what configures them, for messages
         *                  (e.g. {@code Configuration key wsconnector.server.endpoints./chat})
         */
        EndpointSettings endpointSettings(String path, String source) {
            endpointSettingsKeys.put(path, source);
            return endpointSettings.computeIfAbsent(path, any -> EndpointSettings.overrides());
        }

        void tls(Tls tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
        }

        /**
         * Creates the server; it does not listen before {@link WebSocketServer#start()}.
         *
         * @return the server
         * @throws IllegalStateException if there is no endpoint to serve, two discovered endpoints have the
         *                               same path, a path does not start with {@code /} or names a parameter
         *                               twice, or two path templates can match the same path (e.g.
         *                               {@code /rooms/{room}} and {@code /rooms/{id}}), or settings
         *                               (configured, or {@code compression(path, ...)}) name a path no
         *                               endpoint has
         */
        public WebSocketServer build() {
            ClassLoader loader = classLoader != null ? classLoader : Thread.currentThread().getContextClassLoader();
            List<WebSocketEndpoint> endpoints =
                    EndpointDiscovery.endpoints(explicitEndpoints, discoverEndpoints, loader);
            Map<String, WebSocketEndpoint> byPath = new LinkedHashMap<>();
            endpoints.forEach(endpoint -> byPath.put(endpoint.path(), endpoint));
            endpointSettings.keySet().forEach(path -> {
                if (!byPath.containsKey(path)) {
                    throw new IllegalStateException(endpointSettingsKeys.get(path) + " names no endpoint; the "
                            + "endpoints' paths are " + byPath.keySet());
                }
            });
            long inboundLimit = inboundBufferLimit > 0 ? inboundBufferLimit : Runtime.getRuntime().maxMemory() / 4;
            ServerServices services = new ServerServices(new ServerClock(), new InboundBudget(inboundLimit),
                    new CountedLog());
            EndpointSettings none = EndpointSettings.overrides();
            EndpointCompression compression = new EndpointCompression(endpoint ->
                    endpointSettings.getOrDefault(endpoint.path(), none).compression(defaults));
            List<HelidonEndpointMetrics> metrics = new ArrayList<>();
            ClusterLink clusterLink = new ClusterLink();
            EndpointRoutes routes = EndpointRoutes.create(endpoints, compression, clusterLink, endpoint -> {
                EndpointMetrics counted = EndpointMetrics.NONE;
                if (meterRegistry != null) {
                    HelidonEndpointMetrics meters = new HelidonEndpointMetrics(meterRegistry, endpoint.path());
                    metrics.add(meters);
                    counted = meters;
                }
                return endpointSettings.getOrDefault(endpoint.path(), none).resolve(defaults, endpoint, counted);
            });
            Cluster joined = cluster != null ? cluster
                    : clusterUri != null ? ConfiguredCluster.create(clusterUri, "The configuration key cluster", loader)
                    : ConfiguredCluster.find(loader);
            return new WebSocketServer(this, endpoints, routes, services, compression, List.copyOf(metrics), joined,
                    clusterLink);
        }
    }
}
