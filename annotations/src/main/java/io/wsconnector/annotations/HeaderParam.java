package io.wsconnector.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a handler parameter to a header of the handshake request:
 * {@code @HeaderParam("X-Client-Version") int version}. Header names are case-insensitive.
 *
 * <p>Types as for {@link PathParam}, or {@code Optional} of one of them. A missing header rejects the
 * handshake with 400 unless the parameter is an {@code Optional}; a value that does not convert rejects
 * it with 400. Converted once, during the handshake. The name is required and must be a valid header
 * name (letters, digits and {@code -}, for instance); anything else is a compile error.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface HeaderParam {
    /**
     * The header's name.
     *
     * @return the name
     */
    String value();
}
