package io.wsconnector.runtime.protocol;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Which browser origins may open a connection (RFC 6455, sections 4.2.2 and 10.2). An endpoint's own
 * origins are allowed in any case. Then the server's allow-list, if configured, is matched exactly
 * ({@code *} allows any); without one, the origin's host and port must be those of the {@code Host}
 * header (what a browser sends for a same-origin page). Clients that are not browsers usually send no
 * {@code Origin} at all, and are not checked.
 */
public final class OriginPolicy {
    private final Set<String> serverOrigins;

    /**
     * @param serverOrigins the server's allowed origins, exactly as browsers send them; empty: only an
     *                      origin matching {@code Host}
     */
    public OriginPolicy(Set<String> serverOrigins) {
        this.serverOrigins = Set.copyOf(serverOrigins);
    }

    /**
     * @param origin          the request's {@code Origin}
     * @param endpointOrigins the origins the endpoint allows in addition to the server's
     * @param host            the request's {@code Host}, or {@code null} if it has none
     * @return whether the origin may connect
     */
    boolean allows(String origin, Set<String> endpointOrigins, String host) {
        if (endpointOrigins.contains(origin) || endpointOrigins.contains("*")) {
            return true;
        }
        if (!serverOrigins.isEmpty()) {
            return serverOrigins.contains("*") || serverOrigins.contains(origin);
        }
        return host != null && isSameOrigin(origin, host);
    }

    private static boolean isSameOrigin(String origin, String host) {
        try {
            URI uri = new URI(origin);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return false;
            }
            int port = uri.getPort() != -1 ? uri.getPort() : defaultPort(uri.getScheme());
            String originAuthority = uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
            URI hostUri = new URI(uri.getScheme() + "://" + host.trim());
            int hostPort = hostUri.getPort() != -1 ? hostUri.getPort() : defaultPort(uri.getScheme());
            return hostUri.getHost() != null
                    && originAuthority.equals(hostUri.getHost().toLowerCase(Locale.ROOT) + ":" + hostPort);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static int defaultPort(String scheme) {
        return scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("wss") ? 443 : 80;
    }
}
