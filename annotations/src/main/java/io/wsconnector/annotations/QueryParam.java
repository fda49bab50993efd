package io.wsconnector.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a handler parameter to a query parameter of the handshake request, e.g. {@code ?nick=ada}:
 * {@code @QueryParam("nick") String nick} (or {@code @QueryParam String nick}).
 *
 * <p>Types as for {@link PathParam}, or {@code Optional} of one of them. A missing value rejects the
 * handshake with 400 unless the parameter is an {@code Optional} (then empty); a value that does not
 * convert rejects it with 400. Converted once, during the handshake; the first value is used when the
 * parameter is repeated.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface QueryParam {
    /**
     * The query parameter's name; empty: the Java parameter's name.
     *
     * @return the name
     */
    String value() default "";
}
