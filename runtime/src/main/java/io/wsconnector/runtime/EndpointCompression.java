package io.wsconnector.runtime;

import java.util.HashMap;
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
    private final Function<WebSocketEndpoint, Setting> settings;
    private final Map<Setting, DeflateExtension> extensions = new HashMap<>();

    /**
     * @param settings each endpoint's setting (its own, or the server's) and slow-consumer policy
     */
    EndpointCompression(Function<WebSocketEndpoint, Setting> settings) {
        this.settings = settings;
    }

    /** @return the endpoint's extension; {@code null} if its compression is disabled */
    @Override
    public synchronized DeflateExtension apply(WebSocketEndpoint endpoint) {
        Setting setting = settings.apply(endpoint);
        if (!setting.compression().enabled()) {
            return null;
        }
        return extensions.computeIfAbsent(setting, EndpointCompression::extension);
    }

    private static DeflateExtension extension(Setting setting) {
        Compression compression = setting.compression();
        // a dropped compressed message would leave the client's context behind ours: no context is kept then
        boolean serverNoContextTakeover = compression.serverNoContextTakeover() || setting.dropsMessages();
        return new DeflateExtension(new DeflateSettings(serverNoContextTakeover, compression.clientNoContextTakeover(),
                compression.serverMaxWindowBits(), compression.level(), compression.threshold()));
    }

    /** The server stopped: ends the pooled compressors and inflaters. */
    synchronized void close() {
        for (DeflateExtension extension : extensions.values()) {
            extension.close();
        }
    }

    /**
     * An endpoint's compression: endpoints with the same setting (the same instance) and policy share one
     * extension.
     *
     * @param compression   the setting
     * @param dropsMessages whether the endpoint's slow-consumer policy drops messages
     */
    record Setting(Compression compression, boolean dropsMessages) {
    }
}
