package io.wsconnector.runtime;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The client's opening handshake: what {@code @OnUpgrade} inspects to accept or refuse a connection,
 * and what {@code session.handshake()} keeps for later.
 *
 * <p>What the client may leave out is an {@link Optional}; what the server guarantees is never
 * {@code null}; {@link #pathParam} answers like {@code Map.get} (the package's rule for null).
 */
public interface HandshakeRequest {

    /**
     * The request path, without the query, e.g. {@code /rooms/42}.
     *
     * @return the path
     */
    String path();

    /**
     * The value of a segment of the endpoint's path template, decoded.
     *
     * @param name the name in the template, e.g. {@code room} for {@code /rooms/{room}}
     * @return the value, never {@code null} for a name the template declares; {@code null} if it declares
     *         no such name (like {@code Map.get}: see the package's rule for null)
     */
    String pathParam(String name);

    /**
     * All path parameters, by name, in template order.
     *
     * @return the path parameters
     */
    Map<String, String> pathParams();

    /**
     * The first value of a query parameter, decoded.
     *
     * @param name the parameter's name
     * @return the value, or empty if the query has no such parameter
     */
    Optional<String> queryParam(String name);

    /**
     * Every value of a query parameter, decoded, in order.
     *
     * @param name the parameter's name
     * @return the values, empty if none
     */
    List<String> queryParams(String name);

    /**
     * A header's value (several values joined with {@code ", "}); names are case-insensitive.
     *
     * @param name the header's name
     * @return the value, or empty if the request has no such header
     */
    Optional<String> header(String name);

    /**
     * The client's address.
     *
     * @return the remote address
     */
    InetSocketAddress remoteAddress();

    /**
     * The subprotocols the client offered in {@code Sec-WebSocket-Protocol}, in its order.
     *
     * @return the offered subprotocols, empty if none
     */
    List<String> requestedSubprotocols();

    /**
     * The subprotocol the server chose from the endpoint's list, answered in
     * {@code Sec-WebSocket-Protocol}.
     *
     * @return the negotiated subprotocol, or empty if none
     */
    Optional<String> subprotocol();
}
