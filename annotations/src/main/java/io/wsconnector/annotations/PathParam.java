package io.wsconnector.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a handler parameter to a segment of the endpoint's path template:
 * {@code @WebSocketUpgradePath("/rooms/{room}")} and {@code @PathParam("room") String room}
 * (or {@code @PathParam String room}, the name taken from the parameter).
 *
 * <p>Types: {@code String}, {@code int}/{@code Integer}, {@code long}/{@code Long}, {@code boolean}/
 * {@code Boolean} ({@code true} or {@code false}), {@code UUID}, any {@code enum} (by constant name).
 * The value is converted once, during the handshake; one that does not convert rejects the handshake
 * with 400 and no handler runs. A name that is not in the template, another type, or an
 * {@code Optional} (a path parameter is always present) is a compile error.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface PathParam {
    /**
     * The template segment's name; empty: the parameter's name.
     *
     * @return the name
     */
    String value() default "";
}
