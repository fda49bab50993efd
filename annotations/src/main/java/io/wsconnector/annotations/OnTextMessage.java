package io.wsconnector.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called for each complete text message; a message sent in fragments arrives once, whole.
 *
 * <p>Accepted signatures (parameters in any order; the method must not be private, static or
 * abstract):
 * <pre>{@code
 * @OnTextMessage void text(String message) { }
 * @OnTextMessage void text(WebSocketSession session, String message) { }
 * @OnTextMessage String text(String message) { return reply; }
 * @OnTextMessage String text(WebSocketSession session, String message) { return reply; }
 * }</pre>
 * A non-null returned {@code String} is sent back to the client that sent the message; {@code null}
 * sends nothing.
 *
 * <p>A message larger than the server's limit (1 MiB unless configured) closes the connection with
 * 1009 without calling the method. An exception thrown by the method is logged and the connection is
 * closed with 1011.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OnTextMessage {
}
