package io.wsconnector.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Handles an exception thrown by another handler method of the endpoint (or by the
 * {@code CompletionStage} a message handler returned).
 *
 * <p>Parameters, in any order: a {@code Throwable} or any subtype (required, exactly one), and
 * optionally {@code WebSocketSession}, {@code HandshakeRequest} and {@code @PathParam}/
 * {@code @QueryParam}/{@code @HeaderParam} values. Returns {@code void}. A class may have several
 * {@code @OnError} methods for different exception types; for each exception the one with the most
 * specific matching type runs (decided at compile time), whatever their order in the class. Two methods
 * for the same type are a compile error.
 * <pre>{@code
 * @OnError void badInput(IllegalArgumentException error, WebSocketSession session) { }
 * @OnError void failed(Exception error, WebSocketSession session) { }   // every other Exception
 * }</pre>
 *
 * <p>After an {@code @OnError} method handled it, the connection stays open unless the method closes
 * it. An exception no {@code @OnError} method matches (or one thrown by an {@code @OnError} method) is
 * logged and the connection is closed with 1011, without the exception's text.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OnError {
}
