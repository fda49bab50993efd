package io.wsconnector.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs during the opening handshake, before the server answers 101: the place to authenticate (a
 * token in the query string or in {@code Sec-WebSocket-Protocol}, which is all a browser can send)
 * and to prepare the connection's state. At most one per class.
 *
 * <p>To refuse the connection, throw {@code io.wsconnector.runtime.UpgradeRejectedException(status,
 * message)}: the client gets that HTTP status (e.g. 401 or 403) and no other handler runs. Values
 * stored with {@code session.attribute(key, value)}, or in the endpoint's fields, are there for
 * {@code @OnOpen} and every later handler; the session cannot send yet.
 *
 * <p>Accepted parameters, in any order, each optional: {@code HandshakeRequest},
 * {@code WebSocketSession}, and {@code @PathParam}/{@code @QueryParam}/{@code @HeaderParam} values.
 * Returns {@code void}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OnUpgrade {
}
