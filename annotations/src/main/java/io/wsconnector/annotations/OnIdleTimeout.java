package io.wsconnector.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called when no frame has arrived from the client for the endpoint's idle timeout
 * ({@link WebSocketUpgradePath#idleTimeoutSeconds()}, or the server's default). The connection stays
 * open unless the method closes it; the timeout starts again. Without an {@code @OnIdleTimeout}
 * method, an idle connection is closed with 1001.
 *
 * <p>Accepted parameters, in any order, each optional: {@code WebSocketSession},
 * {@code HandshakeRequest}, and {@code @PathParam}/{@code @QueryParam}/{@code @HeaderParam} values.
 * Returns {@code void}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OnIdleTimeout {
}
