package io.wsconnector.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called once when the client closes the connection, with the status code and reason of its close
 * frame.
 *
 * <p>Accepted signatures: any subset of these parameters, in any order (the method must not be
 * private, static or abstract, and returns {@code void}):
 * <ul>
 * <li>{@code WebSocketSession session}</li>
 * <li>{@code int statusCode}: the close code, e.g. 1000</li>
 * <li>{@code String reason}: the close reason, possibly empty</li>
 * <li>{@code HandshakeRequest request}</li>
 * <li>{@code @PathParam}/{@code @QueryParam}/{@code @HeaderParam} values</li>
 * </ul>
 * <pre>{@code
 * @OnClose void closed() { }
 * @OnClose void closed(WebSocketSession session, int statusCode, String reason) { }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OnClose {
}
