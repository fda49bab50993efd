package io.wsconnector.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called for each complete binary message; a message sent in fragments arrives once, whole.
 *
 * <p>Accepted signatures (parameters in any order; the method must not be private, static or
 * abstract):
 * <pre>{@code
 * @OnBinaryMessage void data(byte[] message) { }
 * @OnBinaryMessage void data(WebSocketSession session, ByteBuffer message) { }
 * @OnBinaryMessage byte[] data(byte[] message) { return reply; }
 * @OnBinaryMessage ByteBuffer data(WebSocketSession session, ByteBuffer message) { return reply; }
 * }</pre>
 * The message is the handler's own copy: it may keep it. A non-null returned {@code byte[]} or
 * {@code ByteBuffer} (its remaining bytes) is sent back to the client that sent the message.
 *
 * <p>A message larger than the server's limit (1 MiB unless configured) closes the connection with
 * 1009 without calling the method. An endpoint without an {@code @OnBinaryMessage} method closes the
 * connection with 1003 when a binary message arrives. An exception thrown by the method is logged
 * and the connection is closed with 1011.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OnBinaryMessage {
}
