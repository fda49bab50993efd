package io.wsconnector.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Observes each ping from the client. The runtime has already answered it with a pong carrying the
 * same payload (RFC 6455, section 5.5.2) when the method runs; the method cannot prevent or change
 * that answer.
 *
 * <p>Accepted parameters, in any order, each optional: the payload as {@code byte[]} or
 * {@code ByteBuffer} (0 to 125 bytes, the method's own copy), {@code WebSocketSession},
 * {@code HandshakeRequest}, and {@code @PathParam}/{@code @QueryParam}/{@code @HeaderParam} values.
 * Returns {@code void}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OnPing {
}
