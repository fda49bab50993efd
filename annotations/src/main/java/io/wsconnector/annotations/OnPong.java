package io.wsconnector.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called for each pong from the client: the answer to {@code session.sendPing(payload)}, or an
 * unsolicited pong (a heartbeat). Use it to measure liveness or round-trip time.
 *
 * <p>Accepted parameters, in any order, each optional: the payload as {@code byte[]} or
 * {@code ByteBuffer} (the method's own copy), {@code WebSocketSession}, {@code HandshakeRequest}, and
 * {@code @PathParam}/{@code @QueryParam}/{@code @HeaderParam} values. Returns {@code void}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OnPong {
}
