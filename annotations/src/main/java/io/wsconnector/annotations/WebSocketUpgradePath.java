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
 * class, made with its no-argument constructor, and the instance's {@link OnOpen},
 * {@link OnTextMessage}, {@link OnBinaryMessage} and {@link OnClose} methods are called for that
 * connection, one at a time, in the order the events happen.
 *
 * <p>The class must be a non-private, non-abstract top-level or static nested class with a
 * non-private no-argument constructor, and must have at least one handler method. The path must
 * start with {@code /} and must not contain {@code ?}, {@code #}, white space, {@code //} or
 * {@code ..}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface WebSocketUpgradePath {
    /**
     * The upgrade path, starting with {@code /}, relative to the class's {@link BasePath}.
     *
     * @return the upgrade path
     */
    String value();
}
