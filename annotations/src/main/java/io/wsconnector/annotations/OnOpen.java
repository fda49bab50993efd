package io.wsconnector.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called once when a client has connected, before any message of that connection is handled.
 *
 * <p>Accepted signatures (the method must not be private, static or abstract, and returns
 * {@code void}):
 * <pre>{@code
 * @OnOpen void opened() { }
 * @OnOpen void opened(WebSocketSession session) { }
 * }</pre>
 *
 * <p>An exception thrown by the method is logged and the connection is closed with 1011.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OnOpen {
}
