package io.wsconnector.sample.chat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.wsconnector.cluster.redis.RedisCluster;
import io.wsconnector.runtime.WebSocketServer;

/**
 * The chat server: rooms at {@code ws://localhost:9091/chat/{room}}, served by {@link ChatRoom}; on the
 * same port, the chat page at {@code http://localhost:9091/} and {@code POST /announce} ({@link ChatHttp}).
 *
 * <pre>
 * java -jar sample-chat/target/sample-chat.jar [--port N] [--token T] [--idle-timeout SECONDS] [--redis URI]
 * </pre>
 *
 * <p>With {@code --redis redis://HOST:PORT}, several chat servers sharing that Redis are one chat: a room's
 * messages, {@code /who} and {@code POST /announce} span them ({@code wsconnector-cluster-redis}).
 */
public final class ChatServer {
    /** The port served when none is given. */
    public static final int DEFAULT_PORT = 9091;

    /** The token clients must give when none is configured. */
    public static final String DEFAULT_TOKEN = "secret";

    /** How long a client may stay silent before it is asked whether it is still there. */
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
        // nicks are published, so that /who on any node lists the members of every node
        RedisCluster cluster = redis == null ? null : RedisCluster.builder(redis).publishAttributes(Who.NICK).connect();
        Who who = cluster == null ? Who.local() : Who.everywhere(cluster);
        // The HTTP routes are set up while the server is built, and handle requests once it listens:
        // they reach its sessions through this reference, set in between.
        AtomicReference<WebSocketServer> built = new AtomicReference<>();
        ChatHttp http = new ChatHttp(token, () -> built.get().sessions(ChatRoom.class));
        WebSocketServer.Builder builder = WebSocketServer.builder()
                .port(port)
                // serve only what is added here (ChatRoom, needing a token, is not discoverable anyway)
                .discoverEndpoints(false)
                .addEndpoint(new ChatRoom_WebSocketEndpoint(() -> new ChatRoom(token, who)))
                // ChatRoom sets no idleTimeoutSeconds of its own, so this one applies to it
                .idleTimeout(idleTimeout)
                // the page at / and POST /announce, on the same port
                .httpRouting(http::routes);
        if (cluster != null) {
            builder.cluster(cluster); // room broadcasts and announcements reach every node
        }
        WebSocketServer server = builder.build();
        built.set(server);
        return server.start();
    }

    /**
     * Starts the chat server and prints a URL to connect to.
     *
     * @param args {@code --port N} (default 9091, 0 for any free port), {@code --token T} (default
     *             {@code secret}), {@code --idle-timeout SECONDS} (default 300), {@code --redis URI} (default
     *             none: a chat of this server alone)
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
        WebSocketServer server = start(options.port(), options.token(), options.idleTimeout(), options.redis());
        String room = ChatRoom_WebSocketEndpoint.PATH.replace("{room}", "lobby");
        String token = URLEncoder.encode(options.token(), StandardCharsets.UTF_8);
        System.out.println("Chat server listening on ws://localhost:" + server.port() + room + "?token=" + token
                + "&nick=ada (any room name, any nick; token: " + options.token() + "; Ctrl+C to stop)");
        System.out.println("Chat page: http://localhost:" + server.port() + "/ (open it in a browser"
                + (options.token().equals(DEFAULT_TOKEN) ? ")" : "; it asks for the token)"));
    }

    /**
     * The command line.
     *
     * @param port        the port to listen on
     * @param token       the token clients must give
     * @param idleTimeout the idle timeout
     * @param redis       the Redis the chat's nodes share, or {@code null}
     */
    record Options(int port, String token, Duration idleTimeout, String redis) {
        static Options parse(String[] args) {
            int port = DEFAULT_PORT;
            String token = DEFAULT_TOKEN;
            Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
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
