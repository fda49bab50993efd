package io.wsconnector.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The HTTP base path of a class, e.g. {@code @BasePath("/test")}.
 *
 * <p>With {@link WebSocketUpgradePath} on the same class, the WebSocket endpoint is served at the base
 * path followed by the upgrade path, joined by exactly one {@code /}: {@code @BasePath("/test")} and
 * {@code @WebSocketUpgradePath("/websocket")} serve {@code /test/websocket}. On its own (a REST base
 * path, for instance) it generates nothing.
 *
 * <p>The path must start with {@code /} and must not contain {@code ?}, {@code #}, white space,
 * {@code //} or {@code ..}. A trailing {@code /} is ignored. Like the upgrade path, it may contain path
 * parameters, whole segments written {@code {name}}: {@code @BasePath("/tenants/{tenant}")}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface BasePath {
    /**
     * The base path, starting with {@code /}.
     *
     * @return the base path
     */
    String value();
}
