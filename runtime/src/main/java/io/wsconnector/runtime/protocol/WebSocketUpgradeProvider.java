package io.wsconnector.runtime.protocol;

import io.helidon.common.Weight;
import io.helidon.webserver.ProtocolConfigs;
import io.helidon.webserver.http1.spi.Http1UpgradeProvider;
import io.helidon.webserver.http1.spi.Http1Upgrader;

/**
 * Plugs wsconnector's WebSocket layer into Helidon's HTTP/1 server. Helidon finds it through
 * {@link java.util.ServiceLoader} and creates an upgrader only on listeners that {@code WebSocketServer}
 * configured with a {@link WebSocketProtocol}; it is public for that reason alone (its package is not
 * exported).
 *
 * <p>It weighs more than Helidon's own WebSocket provider, so that on a class path that also holds
 * {@code helidon-webserver-websocket}, wsconnector's upgrader answers {@code Upgrade: websocket} on
 * wsconnector's listeners.
 */
@Weight(200)
public final class WebSocketUpgradeProvider implements Http1UpgradeProvider<WebSocketProtocol> {

    /**
     * Called by {@link java.util.ServiceLoader}.
     */
    public WebSocketUpgradeProvider() {
    }

    @Override
    public String protocolType() {
        return WebSocketProtocol.TYPE;
    }

    @Override
    public Class<WebSocketProtocol> protocolConfigType() {
        return WebSocketProtocol.class;
    }

    @Override
    public Http1Upgrader create(WebSocketProtocol config, ProtocolConfigs configs) {
        return new WebSocketUpgrader(config);
    }
}
