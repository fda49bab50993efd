package io.wsconnector.sample.chat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.helidon.config.Config;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.wsconnector.cluster.redis.RedisCluster;
import io.wsconnector.runtime.WebSocketServer;

/**
 * The chat server: rooms at {@code ws://localhost:9091/chat/{room}}, served by {@link ChatRoom}; on the
 * same port, the chat page at {@code http://localhost:9091/} and {@code POST /announce} ({@link ChatHttp}), and
 * the metrics in Prometheus text format at {@code http://localhost:9091/observe/metrics}.
 *
 * <p>Settings: {@code application.yaml} (the server's port and idle timeout under {@code wsconnector.server},
 * the chat's token under {@code chat}), which environment variables ({@code CHAT_TOKEN=...}) and system
 * properties ({@code -Dwsconnector.server.port=9000}) override; the command line overrides all of them.
 *
 * <pre>
 * java -jar sample-chat/target/sample-chat.jar [--port N] [--token T] [--idle-timeout SECONDS] [--redis URI]
 * </pre>
 *
 * <p>With {@code --redis redis://HOST:PORT} (or {@code chat.redis}), several chat servers sharing that Redis are
 * one chat: a room's messages, {@code /who} and {@code POST /announce} span them ({@code wsconnector-cluster-redis}).
 */
public final class ChatServer {
    /** The token clients must give when none is configured. */
    public static final String DEFAULT_TOKEN = "secret";

    /** How long a client may stay silent before it is asked whether it is still there ({@code application.yaml}'s). */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);

    private ChatServer() {
    }

    /**
     * Starts a chat server.
     *
     * @param port        the port, 0 for any free one
     * @param token       the token clients must give as {@code ?token=...}
     * @param idleTimeout how long a client may stay silent before {@code @OnIdleTimeout} runs
     * @return the running server
     */
    public static WebSocketServer start(int port, String token, Duration idleTimeout) {
        return start(port, token, idleTimeout, null);
    }

    /**
     * Starts a chat server that is a node of the chat on a Redis.
     *
     * @param port        the port, 0 for any free one
     * @param token       the token clients must give as {@code ?token=...}
     * @param idleTimeout how long a client may stay silent before {@code @OnIdleTimeout} runs
     * @param redis       {@code redis://HOST:PORT}, shared by the chat's nodes; {@code null} for a chat of
     *                    this server alone
     * @return the running server
     * @throws IllegalStateException if Redis cannot be reached
     */
    public static WebSocketServer start(int port, String token, Duration idleTimeout, String redis) {
        return start(Config.empty(), new Options(port, token, idleTimeout, redis));
    }

    /**
     * Starts a chat server with its configuration.
     *
     * @param config  the configuration: {@code application.yaml}, environment variables, system properties
     * @param options the command line, which wins over the configuration
     * @return the running server
     */
    static WebSocketServer start(Config config, Options options) {
        String token = options.token(config);
        String redis = options.redis(config);
        // nicks are published, so that /who on any node lists the members of every node
        RedisCluster cluster = redis == null ? null : RedisCluster.builder(redis).publishAttributes(Who.NICK).connect();
        Who who = cluster == null ? Who.local() : Who.everywhere(cluster);
        WebSocketServer.Builder builder = WebSocketServer.builder()
                // the port and the idle timeout (ChatRoom sets no idleTimeoutSeconds of its own, so it applies)
                .config(config.get("wsconnector.server"))
                // serve only what is added here (ChatRoom, needing a token, is not discoverable anyway)
                .discoverEndpoints(false)
                .addEndpoint(new ChatRoom_WebSocketEndpoint(() -> new ChatRoom(token, who)))
                // the page at / and POST /announce, on the same port; /announce reaches the rooms through the server
                .httpRouting((http, server) -> new ChatHttp(token, () -> server.sessions(ChatRoom.class)).routes(http))
                // GET /observe/metrics: the meters counted with `metrics: true`, in Prometheus text format
                .webServer(helidon -> helidon.addFeature(ObserveFeature.just(MetricsObserver.create())));
        if (options.port() != null) {
            builder.port(options.port());
        }
        if (options.idleTimeout() != null) {
            builder.idleTimeout(options.idleTimeout());
        }
        if (cluster != null) {
            builder.cluster(cluster); // room broadcasts and announcements reach every node
        }
        return builder.build().start();
    }

    /**
     * Starts the chat server and prints a URL to connect to.
     *
     * @param args {@code --port N} (0 for any free port), {@code --token T}, {@code --idle-timeout SECONDS},
     *             {@code --redis URI}, each instead of the configured one
     */
    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: java -jar sample-chat.jar [--port N] [--token T] [--idle-timeout SECONDS]"
                    + " [--redis redis://HOST:PORT]");
            System.exit(2);
            return;
        }
        Config config = Config.create();
        WebSocketServer server = start(config, options);
        String room = ChatRoom_WebSocketEndpoint.PATH.replace("{room}", "lobby");
        String token = options.token(config);
        System.out.println("Chat server listening on ws://localhost:" + server.port() + room + "?token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&nick=ada (any room name, any nick; token: "
                + token + "; Ctrl+C to stop)");
        System.out.println("Chat page: http://localhost:" + server.port() + "/ (open it in a browser"
                + (token.equals(DEFAULT_TOKEN) ? ")" : "; it asks for the token)"));
    }

    /**
     * The command line: each value {@code null} unless given.
     *
     * @param port        the port to listen on
     * @param token       the token clients must give
     * @param idleTimeout the idle timeout
     * @param redis       the Redis the chat's nodes share
     */
    record Options(Integer port, String token, Duration idleTimeout, String redis) {
        /** The token: given, else configured ({@code chat.token}), else {@value ChatServer#DEFAULT_TOKEN}. */
        String token(Config config) {
            return token != null ? token : config.get("chat.token").asString().orElse(DEFAULT_TOKEN);
        }

        /** The Redis: given, else configured ({@code chat.redis}), else none ({@code null}). */
        String redis(Config config) {
            return redis != null ? redis : config.get("chat.redis").asString().orElse(null);
        }

        static Options parse(String[] args) {
            Integer port = null;
            String token = null;
            Duration idleTimeout = null;
            String redis = null;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                String value;
                int equals = name.indexOf('=');
                if (name.startsWith("--") && equals > 0) {
                    value = name.substring(equals + 1);
                    name = name.substring(0, equals);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new IllegalArgumentException("missing value or unknown argument: " + name);
                }
                switch (name) {
                    case "--port" -> port = number(name, value, 0, 65535);
                    case "--token" -> {
                        if (value.isEmpty()) {
                            throw new IllegalArgumentException("--token needs a value");
                        }
                        token = value;
                    }
                    case "--idle-timeout" -> idleTimeout = Duration.ofSeconds(number(name, value, 1, 86400));
                    case "--redis" -> {
                        if (!value.startsWith("redis://")) {
                            throw new IllegalArgumentException("--redis needs a URI like redis://localhost:6379, not '"
                                    + value + "'");
                        }
                        redis = value;
                    }
                    default -> throw new IllegalArgumentException("unknown argument: " + name);
                }
            }
            return new Options(port, token, idleTimeout, redis);
        }

        private static int number(String name, String value, int min, int max) {
            try {
                int number = Integer.parseInt(value);
                if (number >= min && number <= max) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(name + " needs a number from " + min + " to " + max + ", not '" + value + "'");
        }
    }
}
