package io.wsconnector.runtime;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.wsconnector.runtime.deflate.DeflateExtension;
import io.wsconnector.runtime.deflate.DeflateSettings;
import io.wsconnector.runtime.spi.WebSocketEndpoint;

/**
 * Which permessage-deflate extension each endpoint of a server has: the endpoint's own {@link Compression}
 * or else the server's, as one {@link DeflateExtension} (with its pools of compressors and inflaters) per
 * distinct setting, so that endpoints with the same setting share the pools.
 */
final class EndpointCompression implements Function<WebSocketEndpoint, DeflateExtension> {
    private final Compression serverSetting;
    private final Map<String, Compression> byPath;
    private final SlowConsumerPolicy slowConsumerPolicy;
    private final Map<Compression, DeflateExtension> extensions = new IdentityHashMap<>();

    /**
     * @param serverSetting      the setting of endpoints without their own
     * @param byPath             the endpoints' own settings, by declared path
     * @param slowConsumerPolicy the server's policy: one that drops messages rules out server context takeover
     * @param endpoints          the endpoints served
     * @throws IllegalStateException if a setting names a path no endpoint has
     */
    EndpointCompression(Compression serverSetting, Map<String, Compression> byPath,
                        SlowConsumerPolicy slowConsumerPolicy, List<WebSocketEndpoint> endpoints) {
        this.serverSetting = serverSetting;
        this.byPath = Map.copyOf(byPath);
        this.slowConsumerPolicy = slowConsumerPolicy;
        for (String path : byPath.keySet()) {
            if (endpoints.stream().noneMatch(endpoint -> endpoint.path().equals(path))) {
                throw new IllegalStateException("compression(\"" + path + "\", ...) names no endpoint; the paths are "
                        + endpoints.stream().map(WebSocketEndpoint::path).toList());
            }
        }
    }

    /** @return the endpoint's extension; {@code null} if its compression is disabled */
    @Override
    public synchronized DeflateExtension apply(WebSocketEndpoint endpoint) {
        Compression setting = byPath.getOrDefault(endpoint.path(), serverSetting);
        if (!setting.enabled()) {
            return null;
        }
        return extensions.computeIfAbsent(setting, this::extension);
    }

    private DeflateExtension extension(Compression setting) {
        // a dropped compressed message would leave the client's context behind ours: no context is kept then
        boolean dropsMessages = slowConsumerPolicy != SlowConsumerPolicy.CLOSE;
        return new DeflateExtension(new DeflateSettings(setting.serverNoContextTakeover() || dropsMessages,
                setting.clientNoContextTakeover(), setting.serverMaxWindowBits(), setting.level(),
                setting.threshold()));
    }

    /** The server stopped: ends the pooled compressors and inflaters. */
    synchronized void close() {
        for (DeflateExtension extension : extensions.values()) {
            extension.close();
        }
    }
}
