package io.wsconnector.runtime;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.helidon.common.config.Config;
import io.helidon.common.tls.Tls;
import io.wsconnector.runtime.WebSocketServer.Builder;

/**
 * The configuration keys of a {@link WebSocketServer}, each with how its value is read and which setting
 * it sets: adding a setting is one line in {@link #KEYS}. Keys that can differ per endpoint are also read
 * under {@code endpoints."<path template>"}, where they override the server's for that endpoint. An
 * unknown key or a bad value is refused with the key's full name.
 */
final class ServerConfigKeys {
    /** The node that holds per-endpoint overrides, one child per endpoint path (or path template). */
    static final String ENDPOINTS = "endpoints";

    private static final List<Key<?>> KEYS = List.of(
            Key.server("host", ServerConfigKeys::string, Builder::host),
            Key.server("port", ServerConfigKeys::integer, Builder::port),
            Key.server("tls", Tls::create, Builder::tls),
            Key.server("discover-endpoints", ServerConfigKeys::bool, Builder::discoverEndpoints),
            Key.server("metrics", ServerConfigKeys::bool, Builder::globalMetrics),
            Key.server("cluster", node -> URI.create(string(node).trim()), Builder::clusterUri),
            Key.endpoint("max-message-size", ServerConfigKeys::bytes, EndpointSettings::maxMessageSize),
            Key.endpoint("idle-timeout", ServerConfigKeys::duration, EndpointSettings::idleTimeout),
            Key.endpoint("close-timeout", ServerConfigKeys::duration, EndpointSettings::closeTimeout),
            Key.endpoint("allowed-origins", ServerConfigKeys::strings, EndpointSettings::addAllowedOrigins),
            Key.endpoint("send-queue-limit", ServerConfigKeys::bytes, EndpointSettings::sendQueueLimit),
            Key.endpoint("send-queue-soft-limit", ServerConfigKeys::bytes, EndpointSettings::sendQueueSoftLimit),
            Key.endpoint("send-queue-soft-window", ServerConfigKeys::duration, EndpointSettings::sendQueueSoftWindow),
            Key.endpoint("message-timeout", ServerConfigKeys::duration, EndpointSettings::messageTimeout),
            Key.endpoint("slow-consumer-policy", node -> constant(node, SlowConsumerPolicy.class),
                    EndpointSettings::slowConsumerPolicy),
            Key.endpoint("compression", ServerConfigKeys::compression, EndpointSettings::compression),
            Key.server("max-connections", ServerConfigKeys::integer, Builder::maxConnections),
            Key.server("handshake-timeout", ServerConfigKeys::duration, Builder::handshakeTimeout),
            Key.server("inbound-buffer-limit", ServerConfigKeys::bytes,
                    (builder, bytes) -> builder.inboundBufferLimit(bytes)));

    /** The keys under {@code compression} (permessage-deflate), each with the {@link Compression.Builder} setting. */
    private static final Map<String, BiConsumer<Compression.Builder, Config>> COMPRESSION_KEYS = new LinkedHashMap<>();

    static {
        COMPRESSION_KEYS.put("enabled", (builder, node) -> { }); // read first, below
        COMPRESSION_KEYS.put("server-no-context-takeover", (b, node) -> b.serverNoContextTakeover(bool(node)));
        COMPRESSION_KEYS.put("client-no-context-takeover", (b, node) -> b.clientNoContextTakeover(bool(node)));
        COMPRESSION_KEYS.put("server-max-window-bits", (b, node) -> b.serverMaxWindowBits(integer(node)));
        COMPRESSION_KEYS.put("level", (b, node) -> b.level(integer(node)));
        COMPRESSION_KEYS.put("threshold", (b, node) -> b.threshold(bytes(node)));
    }

    private static final Pattern BYTES = Pattern.compile("(\\d+)\\s*(|KiB|MiB|GiB)");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private ServerConfigKeys() {
    }

    /**
     * Applies every setting under {@code node} to the builder.
     *
     * @throws IllegalArgumentException naming the key, for an unknown key or a bad value
     */
    static void apply(Config node, Builder builder) {
        if (!node.exists()) {
            return;
        }
        for (Config child : children(node)) {
            if (child.name().equals(ENDPOINTS)) {
                for (Config endpoint : children(child)) {
                    EndpointSettings overrides = builder.endpointSettings(endpoint.name(),
                            "Configuration key " + endpoint.key());
                    for (Config setting : children(endpoint)) {
                        apply(setting, true, builder, overrides);
                    }
                }
            } else {
                apply(child, false, builder, builder.defaults());
            }
        }
    }

    private static void apply(Config setting, boolean endpointOnly, Builder builder, EndpointSettings settings) {
        String name = setting.name();
        for (Key<?> key : KEYS) {
            if (key.name().equals(name) && (!endpointOnly || key.endpoint() != null)) {
                try {
                    key.apply(setting, builder, settings);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("Configuration key " + setting.key() + ": " + e.getMessage(), e);
                }
                return;
            }
        }
        List<String> known = new ArrayList<>();
        for (Key<?> key : KEYS) {
            if (!endpointOnly || key.endpoint() != null) {
                known.add(key.name());
            }
        }
        if (!endpointOnly) {
            known.add(ENDPOINTS);
        }
        throw new IllegalArgumentException("Unknown configuration key " + setting.key() + "; the keys "
                + (endpointOnly ? "an endpoint can override" : "under " + setting.key().parent()) + " are " + known
                + (name.contains(".") || !name.equals(name.toLowerCase(Locale.ROOT)) ? "" : environmentHint(name)));
    }

    /** An environment variable can only spell a '-' in a key as _dash_. */
    private static String environmentHint(String name) {
        for (Key<?> key : KEYS) {
            if (key.name().startsWith(name + "-")) {
                return " (from an environment variable? Helidon reads '_' as '.', and '_dash_' as '-': e.g. "
                        + key.name().toUpperCase(Locale.ROOT).replace("-", "_dash_") + ")";
            }
        }
        return "";
    }

    private static List<Config> children(Config node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("Configuration key " + node.key() + " must hold keys, not a value");
        }
        return node.asNodeList().get().stream().map(Config.class::cast).toList();
    }

    private static String string(Config node) {
        return node.asString().get();
    }

    private static int integer(Config node) {
        String value = string(node).trim();
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + value + "\" is not a whole number");
        }
    }

    private static boolean bool(Config node) {
        String value = string(node).trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("\"" + value + "\" is neither true nor false");
        };
    }

    /** A size in bytes: a whole number, or one with a binary unit, e.g. {@code 65536}, {@code 64KiB}, {@code 16MiB}. */
    private static int bytes(Config node) {
        String value = string(node).trim();
        Matcher matcher = BYTES.matcher(value);
        if (matcher.matches()) {
            int shift = switch (matcher.group(2)) {
                case "KiB" -> 10;
                case "MiB" -> 20;
                case "GiB" -> 30;
                default -> 0;
            };
            try {
                long bytes = Long.parseLong(matcher.group(1)) << shift;
                if (bytes <= Integer.MAX_VALUE && (bytes >> shift) == Long.parseLong(matcher.group(1))) {
                    return (int) bytes;
                }
            } catch (NumberFormatException e) {
                // too many digits: below
            }
            throw new IllegalArgumentException("\"" + value + "\" is more than " + Integer.MAX_VALUE + " bytes");
        }
        throw new IllegalArgumentException("\"" + value + "\" is not a size in bytes (e.g. 65536, 64KiB, 16MiB)");
    }

    /**
     * A duration: ISO-8601 as Helidon's own keys take it ({@code PT30S}), or short ({@code 500ms}, {@code 30s},
     * {@code 5m}, {@code 1h}).
     */
    private static Duration duration(Config node) {
        String value = string(node).trim();
        Matcher matcher = SHORT_DURATION.matcher(value);
        try {
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                return switch (matcher.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                };
            }
            return Duration.parse(value);
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("\"" + value + "\" is not a duration (e.g. 30s, 500ms, 5m, PT30S)");
        }
    }

    /** A list ({@code [a, b]} in YAML), or one string's values separated by commas (an environment variable's). */
    private static String[] strings(Config node) {
        List<String> values = node.isList()
                ? node.asList(String.class).get()
                : List.of(string(node).split(","));
        return values.stream().map(String::trim).filter(value -> !value.isEmpty()).toArray(String[]::new);
    }

    /** {@code enabled: false}, or the settings that differ from {@link Compression#defaults()}. */
    private static Compression compression(Config node) {
        Compression.Builder builder = Compression.builder();
        for (Config setting : children(node)) {
            BiConsumer<Compression.Builder, Config> key = COMPRESSION_KEYS.get(setting.name());
            if (key == null) {
                throw new IllegalArgumentException("unknown key " + setting.name() + "; the keys are "
                        + COMPRESSION_KEYS.keySet());
            }
            key.accept(builder, setting);
        }
        Config enabled = node.get("enabled");
        return enabled.exists() && !bool(enabled) ? Compression.disabled() : builder.build();
    }

    private static <E extends Enum<E>> E constant(Config node, Class<E> type) {
        String value = string(node).trim();
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.replace('-', '_'))) {
                return constant;
            }
        }
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name());
        }
        throw new IllegalArgumentException("\"" + value + "\" is not one of " + names);
    }

    /**
     * A configuration key.
     *
     * @param name     the key, under the server's node
     * @param value    reads the value, or throws {@link IllegalArgumentException} saying what is wrong with it
     * @param server   sets a server setting; {@code null} for a key that can differ per endpoint
     * @param endpoint sets the server's or an endpoint's setting; {@code null} for a key of the server only
     * @param <T>      the value's type
     */
    private record Key<T>(String name, Function<Config, T> value, BiConsumer<Builder, T> server,
                          BiConsumer<EndpointSettings, T> endpoint) {
        static <T> Key<T> server(String name, Function<Config, T> value, BiConsumer<Builder, T> setting) {
            return new Key<>(name, value, setting, null);
        }

        static <T> Key<T> endpoint(String name, Function<Config, T> value, BiConsumer<EndpointSettings, T> setting) {
            return new Key<>(name, value, null, setting);
        }

        void apply(Config node, Builder builder, EndpointSettings settings) {
            T read = value.apply(node);
            if (endpoint != null) {
                endpoint.accept(settings, read);
            } else {
                server.accept(builder, read);
            }
        }
    }
}
