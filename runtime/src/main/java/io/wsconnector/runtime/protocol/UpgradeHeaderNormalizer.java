package io.wsconnector.runtime.protocol;

import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;

/**
 * Makes Helidon find the WebSocket upgrader whatever the case of the {@code Upgrade} value
 * ({@code WebSocket}, {@code WEBSOCKET}) and when it is a token list ({@code websocket, foo}).
 * RFC 6455, section 4.2.1, asks for a case-insensitive match; Helidon 4.5 looks the upgrader up by the
 * exact header value. Runs on the request headers before that look-up.
 */
public final class UpgradeHeaderNormalizer implements Http1ConnectionListener {

    /**
     * A listener for Helidon's HTTP/1 configuration.
     */
    public UpgradeHeaderNormalizer() {
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        if (!(headers instanceof WritableHeaders<?> writable) || !headers.contains(HeaderNames.UPGRADE)) {
            return;
        }
        String value = headers.get(HeaderNames.UPGRADE).values();
        if (value.equals("websocket")) {
            return;
        }
        for (String token : value.split(",")) {
            if (token.trim().equalsIgnoreCase("websocket")) {
                writable.set(HeaderNames.UPGRADE, "websocket");
                return;
            }
        }
    }
}
