package io.wsconnector.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called once when a client has connected, before any message of that connection is handled.
 *
 * <p>Accepted parameters, in any order, each optional: {@code WebSocketSession},
 * {@code HandshakeRequest}, and {@code @PathParam}/{@code @QueryParam}/{@code @HeaderParam} values. The
 * method must not be private, static or abstract, and returns {@code void}:
 * <pre>{@code
 * @OnOpen void opened() { }
 * @OnOpen void opened(WebSocketSession session) { }
 * @OnOpen void opened(WebSocketSession session, @PathParam String room, @QueryParam Optional<String> nick) { }
 * }</pre>
 *
 * <p>An exception thrown by the method goes to the endpoint's {@link OnError} methods; if none handles
 * it, it is logged and the connection is closed with 1011.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OnOpen {
}
