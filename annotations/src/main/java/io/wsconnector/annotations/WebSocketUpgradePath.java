package io.wsconnector.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a class a WebSocket endpoint served at {@link BasePath} + this path
 * (at this path alone when the class has no {@code @BasePath}).
 *
 * <p>A client's {@code GET} with {@code Connection: Upgrade} and {@code Upgrade: websocket} on that
 * path becomes a WebSocket on the same TCP connection. Each connection gets its own instance of the
 * class, made with its no-argument constructor or by the supplier given to the generated registration
 * ({@code X_WebSocketEndpoint}), and the instance's handler methods ({@link OnUpgrade},
 * {@link OnOpen}, {@link OnTextMessage}, {@link OnBinaryMessage}, {@link OnPing}, {@link OnPong},
 * {@link OnIdleTimeout}, {@link OnError} and {@link OnClose}) are called for that connection, one at a
 * time, in the order the events happen.
 *
 * <p>The class must be a non-private, non-abstract top-level or static nested class, and must have at
 * least one handler method. Without a non-private no-argument constructor, its registration takes a
 * supplier of instances only and is not discovered: give it to the server yourself. The path must
 * start with {@code /} and must not contain {@code ?}, {@code #}, white space, {@code //} or
 * {@code ..}. Two endpoints of one compilation whose paths can match the same request (as many
 * segments, and each pair of segments equal or a path parameter) are a compile error.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface WebSocketUpgradePath {
    /**
     * The upgrade path, starting with {@code /}, relative to the class's {@link BasePath}. Segments
     * written {@code {name}} are path parameters ({@link PathParam}), e.g. {@code "/rooms/{room}"};
     * a template matches a request path segment by segment, exactly.
     *
     * @return the upgrade path
     */
    String value();

    /**
     * Subprotocols this endpoint speaks, most preferred first, e.g. {@code {"chat.v2", "chat.v1"}}: each
     * a token (letters, digits and {@code ! # $ % & ' * + - . ^ _ ` | ~}), listed once.
     * The first of them that the client offers in {@code Sec-WebSocket-Protocol} is chosen
     * ({@code session.subprotocol()}); a client that offers protocols but none of these is rejected
     * with 400. Empty (the default): no subprotocol is negotiated.
     *
     * @return the subprotocols
     */
    String[] subprotocols() default {};

    /**
     * Browser origins allowed to connect to this endpoint, in addition to the server's
     * ({@code WebSocketServer.Builder.allowedOrigins}), e.g. {@code "https://app.example.com"}: each
     * {@code "*"} or {@code scheme://host[:port]} without a path, listed once.
     *
     * @return the origins
     */
    String[] origins() default {};

    /**
     * Seconds without any frame from the client after which {@link OnIdleTimeout} runs (or, without
     * one, the connection is closed with 1001). 0 (the default): the server's idle timeout, if any. A
     * negative number is a compile error.
     *
     * @return the idle timeout in seconds
     */
    int idleTimeoutSeconds() default 0;

    /**
     * The JSON field whose string value chooses the {@link OnTextMessage} method a text message goes to,
     * e.g. {@code "type"}: with it the endpoint may have several {@code @OnTextMessage} methods, each
     * naming the value it takes ({@code @OnTextMessage("join")}), and the generated dispatcher reads the
     * field once and switches on it. A message that is not JSON, lacks the field or has a value no method
     * takes does not reach a handler ({@code MessageDecodeException}). Needs {@code wsconnector-json-avaje}.
     * Empty (the default): one {@code @OnTextMessage} method takes every text message.
     *
     * @return the field's name, or empty
     */
    String dispatchKey() default "";

    /**
     * Codecs for the typed messages and replies of this endpoint's handlers: classes implementing
     * {@code TextCodec<T>} or {@code BinaryCodec<T>} ({@code io.wsconnector.runtime.codec}) for a named
     * {@code T}, each with a public no-argument constructor; at most one text and one binary codec per
     * type. A type annotated with avaje-jsonb's {@code @Json} needs none for text: it is JSON.
     *
     * @return the codec classes
     */
    Class<?>[] codecs() default {};
}
