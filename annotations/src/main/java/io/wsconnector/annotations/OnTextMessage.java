package io.wsconnector.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called for each complete text message; a message sent in fragments arrives once, whole.
 *
 * <p>Parameters, in any order: the message (required), as a {@code String} or as a <em>typed message</em>
 * (a type with a text codec: annotated with avaje-jsonb's {@code @Json}, or with a {@code TextCodec}
 * listed in {@link WebSocketUpgradePath#codecs()}), and optionally
 * {@code WebSocketSession}, {@code HandshakeRequest} and {@code @PathParam}/{@code @QueryParam}/
 * {@code @HeaderParam} values. The method must not be private, static or abstract:
 * <pre>{@code
 * @OnTextMessage void text(String message) { }
 * @OnTextMessage void text(WebSocketSession session, String message) { }
 * @OnTextMessage String text(String message) { return reply; }
 * @OnTextMessage String text(WebSocketSession session, String message, @PathParam String room) { return reply; }
 * @OnTextMessage CompletionStage<String> text(String message) { return replyLater; }
 * @OnTextMessage Moved move(WebSocketSession session, Move move) { return typedReply; }
 * @OnTextMessage("join") void join(WebSocketSession session, Join join) { }   // with dispatchKey = "type"
 * }</pre>
 * A typed reply (or a {@code CompletionStage} of one) is encoded with its type's codec. A message that
 * does not decode reaches no handler: it goes to an {@link OnError} method for
 * {@code MessageDecodeException}, or closes the connection with 1007 (1003 for an unknown dispatch key
 * value).
 * A non-null returned {@code String} is sent back to the client that sent the message; {@code null}
 * sends nothing. A returned {@code CompletionStage<String>} (or a subtype, such as
 * {@code CompletableFuture<String>}) is sent when it completes; a stage that fails is handled like an
 * exception thrown by the method.
 *
 * <p>A message larger than the server's limit (1 MiB unless configured) closes the connection with
 * 1009 without calling the method. An exception thrown by the method goes to the endpoint's
 * {@link OnError} methods; if none handles it, it is logged and the connection is closed with 1011.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OnTextMessage {
    /**
     * The value of the endpoint's dispatch key ({@link WebSocketUpgradePath#dispatchKey()}) that this
     * method takes, e.g. {@code "join"} for {@code {"type":"join",...}}; each method of the endpoint
     * names a different one. Empty (the default) when the endpoint has no dispatch key.
     *
     * @return the dispatch key's value, or empty
     */
    String value() default "";

    /**
     * Whether a returned value goes to every open session of the endpoint (the sender included) instead
     * of only the sender, as with {@code WebSocketSession.broadcastText}/{@code broadcastBinary}: the
     * frame is encoded once and shared. Requires a non-{@code void} return type.
     *
     * @return {@code true} to broadcast the returned value
     */
    boolean broadcast() default false;
}
