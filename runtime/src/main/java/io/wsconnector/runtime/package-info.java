/**
 * Serves wsconnector endpoints: {@link io.wsconnector.runtime.WebSocketServer} starts a Helidon 4
 * WebServer with every generated endpoint, and handler methods talk to their client through
 * {@link io.wsconnector.runtime.WebSocketSession}.
 *
 * <h2>Null</h2>
 * One rule for the whole API. A value the client may leave out, or that may not exist, is an
 * {@link java.util.Optional}: a query parameter, a header, the subprotocol, a session found by id. A value
 * the server guarantees is plain and never {@code null}: the path, a path parameter the endpoint's template
 * declares, the remote address, the lists and sets (empty when there is nothing). The two look-ups by a
 * key the caller chooses answer like {@link java.util.Map#get}: {@code pathParam(name)} for a name the
 * template does not declare, and {@code attribute(key)} for a key nothing was stored under, return
 * {@code null}. Arguments must not be {@code null}, except where a method says what {@code null} means
 * ({@code attribute(key, null)} removes the value; a {@code null} close reason is empty).
 */
package io.wsconnector.runtime;
