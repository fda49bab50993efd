package io.wsconnector.runtime;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.spi.Http1Upgrader;
import io.helidon.webserver.spi.ServerConnection;
import io.wsconnector.runtime.spi.WebSocketEndpoint;

/**
 * The opening handshake (RFC 6455, section 4.2): checks the client's upgrade request for one of our
 * endpoints, answers 101 and hands the connection to a {@link WebSocketConnection}. A request for a
 * path with no endpoint is left to Helidon's HTTP routing (404 unless a route exists there).
 */
final class WebSocketUpgrader implements Http1Upgrader {
    private static final HeaderName SEC_WEBSOCKET_KEY = HeaderNames.create("Sec-WebSocket-Key");
    private static final HeaderName SEC_WEBSOCKET_VERSION = HeaderNames.create("Sec-WebSocket-Version");
    private static final byte[] ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11".getBytes(StandardCharsets.US_ASCII);

    private final WebSocketProtocol protocol;

    WebSocketUpgrader(WebSocketProtocol protocol) {
        this.protocol = protocol;
    }

    @Override
    public String supportedProtocol() {
        return "websocket";
    }

    @Override
    public ServerConnection upgrade(ConnectionContext ctx, HttpPrologue prologue, WritableHeaders<?> headers) {
        WebSocketEndpoint endpoint = protocol.endpointsByPath().get(prologue.uriPath().path());
        if (endpoint == null) {
            return null;
        }
        if (prologue.method() != Method.GET) {
            throw reject(Status.BAD_REQUEST_400, "A WebSocket upgrade must use GET");
        }
        if (!"1.1".equals(prologue.protocolVersion())) {
            throw reject(Status.BAD_REQUEST_400, "A WebSocket upgrade needs HTTP/1.1");
        }
        if (!hasToken(headers, HeaderNames.CONNECTION, "upgrade")) {
            throw reject(Status.BAD_REQUEST_400, "A WebSocket upgrade needs 'Connection: Upgrade'");
        }
        if (!headers.contains(SEC_WEBSOCKET_VERSION) || !"13".equals(headers.get(SEC_WEBSOCKET_VERSION).values().trim())) {
            throw RequestException.builder()
                    .type(DirectHandler.EventType.BAD_REQUEST)
                    .status(Status.UPGRADE_REQUIRED_426)
                    .message("Only WebSocket version 13 is supported")
                    .header(HeaderValues.create(SEC_WEBSOCKET_VERSION, "13"))
                    .build();
        }
        String key = headers.contains(SEC_WEBSOCKET_KEY) ? headers.get(SEC_WEBSOCKET_KEY).values().trim() : "";
        if (!isValidKey(key)) {
            throw reject(Status.BAD_REQUEST_400, "Sec-WebSocket-Key must be 16 bytes in base64");
        }
        if (headers.contains(HeaderNames.ORIGIN) && !isAllowedOrigin(headers.get(HeaderNames.ORIGIN).values(), headers)) {
            throw reject(Status.FORBIDDEN_403, "Origin not allowed");
        }

        String response = "HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + acceptValue(key) + "\r\n\r\n";
        ctx.dataWriter().writeNow(BufferData.create(response.getBytes(StandardCharsets.US_ASCII)));
        return new WebSocketConnection(ctx, endpoint, UUID.randomUUID().toString(), protocol);
    }

    private static RequestException reject(Status status, String message) {
        return RequestException.builder()
                .type(status == Status.FORBIDDEN_403 ? DirectHandler.EventType.FORBIDDEN : DirectHandler.EventType.BAD_REQUEST)
                .status(status)
                .message(message)
                .build();
    }

    private static boolean hasToken(WritableHeaders<?> headers, HeaderName name, String token) {
        if (!headers.contains(name)) {
            return false;
        }
        for (String value : headers.get(name).allValues()) {
            for (String part : value.split(",")) {
                if (part.trim().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isValidKey(String key) {
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String acceptValue(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(key.getBytes(StandardCharsets.US_ASCII));
            sha1.update(ACCEPT_GUID);
            return Base64.getEncoder().encodeToString(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java platform", e);
        }
    }

    /**
     * An explicit allow-list, if configured, is matched exactly; otherwise the origin's host and port
     * must be those of the {@code Host} header (what a browser sends for a same-origin page). Clients
     * that are not browsers usually send no {@code Origin} at all, and are not checked.
     */
    private boolean isAllowedOrigin(String origin, WritableHeaders<?> headers) {
        if (!protocol.allowedOrigins().isEmpty()) {
            return protocol.allowedOrigins().contains("*") || protocol.allowedOrigins().contains(origin);
        }
        if (!headers.contains(HeaderNames.HOST)) {
            return false;
        }
        try {
            URI uri = new URI(origin);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return false;
            }
            int port = uri.getPort() != -1 ? uri.getPort() : defaultPort(uri.getScheme());
            String originAuthority = uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
            URI host = new URI(uri.getScheme() + "://" + headers.get(HeaderNames.HOST).values().trim());
            int hostPort = host.getPort() != -1 ? host.getPort() : defaultPort(uri.getScheme());
            return host.getHost() != null
                    && originAuthority.equals(host.getHost().toLowerCase(Locale.ROOT) + ":" + hostPort);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static int defaultPort(String scheme) {
        return scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("wss") ? 443 : 80;
    }
}
