package io.wsconnector.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called for each complete binary message; a message sent in fragments arrives once, whole.
 *
 * <p>Parameters, in any order: the message as {@code byte[]} or {@code ByteBuffer}, or as a type with a
 * {@code BinaryCodec} listed in {@link WebSocketUpgradePath#codecs()} (required), and
 * optionally {@code WebSocketSession}, {@code HandshakeRequest} and {@code @PathParam}/
 * {@code @QueryParam}/{@code @HeaderParam} values. The method must not be private, static or abstract:
 * <pre>{@code
 * @OnBinaryMessage void data(byte[] message) { }
 * @OnBinaryMessage void data(WebSocketSession session, ByteBuffer message) { }
 * @OnBinaryMessage byte[] data(byte[] message) { return reply; }
 * @OnBinaryMessage ByteBuffer data(WebSocketSession session, ByteBuffer message) { return reply; }
 * @OnBinaryMessage CompletionStage<byte[]> data(byte[] message, @PathParam int userId) { return replyLater; }
 * }</pre>
 * The message is the handler's own copy: it may keep it. A non-null returned {@code byte[]} or
 * {@code ByteBuffer} (its remaining bytes) is sent back to the client that sent the message. A
 * returned {@code CompletionStage<byte[]>} or {@code CompletionStage<ByteBuffer>} (or a subtype, such as
 * {@code CompletableFuture}) is sent when it completes; a stage that fails is handled like an exception
 * thrown by the method.
 *
 * <p>A message larger than the server's limit (1 MiB unless configured) closes the connection with
 * 1009 without calling the method. An endpoint without an {@code @OnBinaryMessage} method closes the
 * connection with 1003 when a binary message arrives. An exception thrown by the method goes to the
 * endpoint's {@link OnError} methods; if none handles it, it is logged and the connection is closed
 * with 1011.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OnBinaryMessage {
    /**
     * Whether a returned value goes to every open session of the endpoint (the sender included) instead
     * of only the sender, as with {@code WebSocketSession.broadcastText}/{@code broadcastBinary}: the
     * frame is encoded once and shared. Requires a non-{@code void} return type.
     *
     * @return {@code true} to broadcast the returned value
     */
    boolean broadcast() default false;
}
