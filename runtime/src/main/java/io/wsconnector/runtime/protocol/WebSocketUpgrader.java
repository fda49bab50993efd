package io.wsconnector.runtime.protocol;

import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.concurrency.limits.Limit;
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
import io.wsconnector.runtime.UpgradeRejectedException;
import io.wsconnector.runtime.deflate.DeflateAgreement;
import io.wsconnector.runtime.spi.WebSocketDispatcher;
import io.wsconnector.runtime.spi.WebSocketEndpoint;

/**
 * The opening handshake (RFC 6455, section 4.2): checks the client's upgrade request for one of our
 * endpoints, negotiates the subprotocol, lets the endpoint's {@code onUpgrade} accept or refuse it,
 * answers 101 and hands the connection to a {@link WebSocketConnection}. A request for a path with no
 * endpoint is left to Helidon's HTTP routing (404 unless a route exists there).
 *
 * <p>Of the extensions the client offers ({@code Sec-WebSocket-Extensions}), permessage-deflate (RFC 7692)
 * is negotiated here, next to the subprotocol, if the endpoint has it; the agreement goes to the
 * connection, whose frame reader then accepts RSV1. A server-wide connection cap would refuse here too,
 * before anything is allocated for the connection.
 */
final class WebSocketUpgrader implements Http1Upgrader {
    private static final System.Logger LOGGER = System.getLogger(WebSocketUpgrader.class.getName());
    private static final HeaderName SEC_WEBSOCKET_KEY = HeaderNames.create("Sec-WebSocket-Key");
    private static final HeaderName SEC_WEBSOCKET_VERSION = HeaderNames.create("Sec-WebSocket-Version");
    private static final HeaderName SEC_WEBSOCKET_EXTENSIONS = HeaderNames.create("Sec-WebSocket-Extensions");
    private static final HeaderName SEC_WEBSOCKET_PROTOCOL = HeaderNames.create("Sec-WebSocket-Protocol");
    private static final byte[] ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11".getBytes(StandardCharsets.US_ASCII);

    /** What a refused handshake becomes: nothing more is read or written. */
    private static final ServerConnection REFUSED = new ServerConnection() {
        @Override
        public void handle(Limit limit) {
        }

        @Override
        public Duration idleTime() {
            return Duration.ZERO;
        }

        @Override
        public void close(boolean interrupt) {
        }
    };

    private final EndpointRoutes routes;
    private final ServerServices services;
    /**
     * Session ids: short, unique per server, cheap (a random UUID costs ~25 ms of SecureRandom seeding
     * on the first connection, and 36 characters per connection). Not secrets.
     */
    private final AtomicLong sessionSequence = new AtomicLong();

    WebSocketUpgrader(WebSocketProtocol protocol) {
        this.routes = protocol.routes();
        this.services = protocol.services();
    }

    @Override
    public String supportedProtocol() {
        return "websocket";
    }

    @Override
    public ServerConnection upgrade(ConnectionContext ctx, HttpPrologue prologue, WritableHeaders<?> headers) {
        EndpointRoutes.Match match;
        try {
            match = routes.find(prologue.uriPath());
        } catch (IllegalArgumentException e) {
            return refuse(ctx, null, Status.BAD_REQUEST_400, e.getMessage());
        }
        if (match == null) {
            return null;
        }
        try {
            return upgrade(ctx, prologue, headers, match);
        } catch (RequestException e) {
            match.route().metrics().handshakeRefused(e.status().code());
            throw e;
        }
    }

    private ServerConnection upgrade(ConnectionContext ctx, HttpPrologue prologue, WritableHeaders<?> headers,
                                     EndpointRoutes.Match match) {
        EndpointRoutes.Route route = match.route();
        WebSocketEndpoint endpoint = route.endpoint();
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
        if (headers.contains(HeaderNames.ORIGIN) && !route.origins().allows(headers.get(HeaderNames.ORIGIN).values(),
                route.allowedOrigins(), headers.contains(HeaderNames.HOST) ? headers.get(HeaderNames.HOST).values() : null)) {
            throw reject(Status.FORBIDDEN_403, "Origin not allowed");
        }
        List<String> offered = offeredSubprotocols(headers);
        String subprotocol = null;
        if (!route.subprotocols().isEmpty() && !offered.isEmpty()) {
            subprotocol = choose(route.subprotocols(), offered);
            if (subprotocol == null) {
                return refuse(ctx, route, Status.BAD_REQUEST_400, "None of the offered subprotocols is supported; this "
                        + "endpoint speaks " + String.join(", ", route.subprotocols()));
            }
        }

        // RFC 7692: the first offer of permessage-deflate the endpoint can honour; any other extension is declined
        DeflateAgreement compression = route.compression() != null && headers.contains(SEC_WEBSOCKET_EXTENSIONS)
                ? route.compression().negotiate(headers.get(SEC_WEBSOCKET_EXTENSIONS).allValues()) : null;

        String rawPath = prologue.uriPath().rawPath();
        Handshake handshake = new Handshake(rawPath.equals(endpoint.path()) ? endpoint.path() : rawPath,
                match.pathParams(), prologue.query().rawValue(), headers, remoteAddress(ctx), offered, subprotocol);
        String sessionId = route.sessions().cluster().sessionId(sessionSequence.incrementAndGet());
        WebSocketConnection connection;
        try {
            WebSocketDispatcher dispatcher = endpoint.newDispatcher(handshake);
            connection = new WebSocketConnection(ctx, route, dispatcher, handshake, sessionId, services, compression);
            dispatcher.onUpgrade(connection.session());
        } catch (UpgradeRejectedException e) {
            return refuse(ctx, route, Status.create(e.status()), e.getMessage() == null ? "" : e.getMessage());
        } catch (Throwable e) {
            LOGGER.log(Level.ERROR, "The upgrade of " + endpoint.endpointClassName() + " failed for "
                    + handshake + "; answering 500", e);
            return refuse(ctx, route, Status.INTERNAL_SERVER_ERROR_500, HandlerCalls.INTERNAL_ERROR_REASON);
        }

        String response = "HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + acceptValue(key) + "\r\n"
                + (subprotocol == null ? "" : "Sec-WebSocket-Protocol: " + subprotocol + "\r\n")
                + (compression == null ? "" : "Sec-WebSocket-Extensions: " + compression.responseHeaderValue() + "\r\n")
                + "\r\n";
        ctx.dataWriter().writeNow(BufferData.create(response.getBytes(StandardCharsets.US_ASCII)));
        connection.open();
        return connection;
    }

    /**
     * Answers the handshake with this status and the message as a {@code text/plain} body (Helidon's own
     * error responses carry no body unless configured, and HTML-encode it), then ends the connection:
     * the returned connection does nothing, and Helidon closes the socket when it returns.
     *
     * @param route the endpoint refusing it; {@code null} if the path was not understood
     */
    private static ServerConnection refuse(ConnectionContext ctx, EndpointRoutes.Route route, Status status,
                                           String message) {
        if (route != null) {
            route.metrics().handshakeRefused(status.code());
        }
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        String reason = status.reasonPhrase() == null || status.reasonPhrase().isBlank() ? "Refused" : status.reasonPhrase();
        byte[] head = ("HTTP/1.1 " + status.code() + " " + reason + "\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n"
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] response = new byte[head.length + body.length];
        System.arraycopy(head, 0, response, 0, head.length);
        System.arraycopy(body, 0, response, head.length, body.length);
        ctx.dataWriter().writeNow(BufferData.create(response));
        return REFUSED;
    }

    private static RequestException reject(Status status, String message) {
        return RequestException.builder()
                .type(status == Status.FORBIDDEN_403 ? DirectHandler.EventType.FORBIDDEN : DirectHandler.EventType.BAD_REQUEST)
                .status(status)
                .message(message)
                .build();
    }

    /** The tokens of every {@code Sec-WebSocket-Protocol} header, in the client's order. */
    private static List<String> offeredSubprotocols(WritableHeaders<?> headers) {
        if (!headers.contains(SEC_WEBSOCKET_PROTOCOL)) {
            return List.of();
        }
        List<String> offered = new ArrayList<>(4);
        for (String value : headers.get(SEC_WEBSOCKET_PROTOCOL).allValues()) {
            for (String token : value.split(",")) {
                String trimmed = token.trim();
                if (!trimmed.isEmpty()) {
                    offered.add(trimmed);
                }
            }
        }
        return List.copyOf(offered);
    }

    /** The first of the endpoint's subprotocols (its preference) that the client offers, or {@code null}. */
    private static String choose(List<String> supported, List<String> offered) {
        for (String candidate : supported) {
            if (offered.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static InetSocketAddress remoteAddress(ConnectionContext ctx) {
        SocketAddress address = ctx.remotePeer().address();
        return address instanceof InetSocketAddress inet ? inet
                : InetSocketAddress.createUnresolved(ctx.remotePeer().host(), ctx.remotePeer().port());
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
}
