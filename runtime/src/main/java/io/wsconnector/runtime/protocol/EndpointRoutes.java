package io.wsconnector.runtime.protocol;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.helidon.common.uri.UriPath;
import io.wsconnector.runtime.WebSocketSessions;
import io.wsconnector.runtime.cluster.ClusterMessage;
import io.wsconnector.runtime.deflate.DeflateExtension;
import io.wsconnector.runtime.spi.WebSocketEndpoint;

/**
 * Finds the endpoint of a request path: exact paths through a map first, then path templates, of which
 * at most one can match (overlapping templates are refused when the server is built).
 */
public final class EndpointRoutes {
    private final Map<String, Route> exact;
    private final Route[] templates;

    private EndpointRoutes(Map<String, Route> exact, Route[] templates) {
        this.exact = exact;
        this.templates = templates;
    }

    /**
     * Routes to these endpoints.
     *
     * @param endpoints   the endpoints, each path once
     * @param compression the permessage-deflate extension of each endpoint; {@code null} for none
     * @param cluster     the server's cluster link, which every endpoint's sessions tell their events
     * @param settings    the settings of each endpoint
     * @return the routes
     * @throws IllegalStateException if a path is invalid, or two templates can match the same path
     */
    public static EndpointRoutes create(List<WebSocketEndpoint> endpoints,
                                        Function<WebSocketEndpoint, DeflateExtension> compression,
                                        ClusterLink cluster, Function<WebSocketEndpoint, RouteSettings> settings) {
        Map<String, Route> exact = new HashMap<>();
        List<Route> templates = new ArrayList<>();
        for (WebSocketEndpoint endpoint : endpoints) {
            PathTemplate template;
            try {
                template = PathTemplate.parse(endpoint.path());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(e.getMessage() + " (endpoint " + endpoint.endpointClassName() + ")", e);
            }
            RouteSettings own = settings.apply(endpoint);
            Route route = new Route(endpoint, template, List.copyOf(endpoint.subprotocols()),
                    Set.copyOf(endpoint.allowedOrigins()), own.idleTimeout().toNanos(), own.limits(),
                    new OriginPolicy(own.allowedOrigins()), own.metrics(), new MessageCounts(own.metrics()),
                    new EndpointSessions(endpoint.path(), cluster), compression.apply(endpoint));
            if (template.hasParameters()) {
                for (Route other : templates) {
                    if (other.template().overlaps(template)) {
                        throw new IllegalStateException("The path templates " + other.template() + " of "
                                + other.endpoint().endpointClassName() + " and " + template + " of "
                                + endpoint.endpointClassName() + " can match the same path; make them differ in a "
                                + "literal segment or in their number of segments");
                    }
                }
                templates.add(route);
            } else {
                exact.put(endpoint.path(), route);
            }
        }
        return new EndpointRoutes(Map.copyOf(exact), templates.toArray(new Route[0]));
    }

    /**
     * @param path the request's path
     * @return the endpoint and its path parameters, or {@code null} if no endpoint serves the path
     * @throws IllegalArgumentException if a template matches but a parameter is not valid percent-encoded UTF-8
     */
    Match find(UriPath path) {
        Route route = exact.get(path.path());
        if (route != null) {
            return new Match(route, Map.of());
        }
        if (templates.length == 0) {
            return null;
        }
        String rawPath = path.rawPath();
        for (Route template : templates) {
            Map<String, String> values = template.template().match(rawPath);
            if (values != null) {
                return new Match(template, values);
            }
        }
        return null;
    }

    /**
     * Whether an endpoint serves this path (a bad percent-encoding counts as served: the upgrade says 400).
     *
     * @param path a request's path
     * @return whether an endpoint serves it
     */
    public boolean serves(UriPath path) {
        try {
            return find(path) != null;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    /**
     * The sessions of an endpoint.
     *
     * @param endpointPath the endpoint's path or template, as declared
     * @return its sessions, or {@code null} if no endpoint has that path
     */
    public WebSocketSessions sessions(String endpointPath) {
        return find(endpointPath);
    }

    /** A message from another node of the cluster, to the sessions of its endpoint here. */
    int deliver(ClusterMessage message) {
        EndpointSessions sessions = find(message.target().path());
        return sessions == null ? 0 : sessions.deliver(message);
    }

    private EndpointSessions find(String endpointPath) {
        Route route = exact.get(endpointPath);
        if (route != null) {
            return route.sessions();
        }
        for (Route template : templates) {
            if (template.endpoint().path().equals(endpointPath)) {
                return template.sessions();
            }
        }
        return null;
    }

    /** Hands each endpoint's meters the messages counted since the last time ({@link MessageCounts#collect()}). */
    public void collectMessages() {
        exact.values().forEach(route -> route.messages().collect());
        for (Route route : templates) {
            route.messages().collect();
        }
    }

    /**
     * The longest idle timeout of any endpoint.
     *
     * @return the timeout; zero if no endpoint has one
     */
    public Duration longestIdleTimeout() {
        long longest = 0;
        for (Route route : exact.values()) {
            longest = Math.max(longest, route.idleTimeoutNanos());
        }
        for (Route route : templates) {
            longest = Math.max(longest, route.idleTimeoutNanos());
        }
        return Duration.ofNanos(longest);
    }

    /**
     * An endpoint with what its handshakes need, computed once.
     *
     * @param endpoint         the generated registration
     * @param template         its path, parsed
     * @param subprotocols     the subprotocols it speaks, most preferred first
     * @param allowedOrigins   the origins it allows in addition to the server's
     * @param idleTimeoutNanos its idle timeout (configured for it, its own, or the server's); 0: none
     * @param limits           the limits of its connections
     * @param origins          which other browser origins may connect to it
     * @param metrics          what is counted for it
     * @param messages         collects the messages its connections count, for {@code metrics}
     * @param sessions         its open sessions and rooms
     * @param compression      its permessage-deflate extension; {@code null} if it declines the offers
     */
    record Route(WebSocketEndpoint endpoint, PathTemplate template, List<String> subprotocols,
                 Set<String> allowedOrigins, long idleTimeoutNanos, ConnectionLimits limits, OriginPolicy origins,
                 EndpointMetrics metrics, MessageCounts messages, EndpointSessions sessions,
                 DeflateExtension compression) {
    }

    /**
     * A request path's endpoint.
     *
     * @param route      the endpoint
     * @param pathParams the decoded values of its template's parameters, in template order
     */
    record Match(Route route, Map<String, String> pathParams) {
    }
}
