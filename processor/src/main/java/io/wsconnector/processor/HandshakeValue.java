package io.wsconnector.processor;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;

import javax.lang.model.element.Element;

import com.squareup.javapoet.ClassName;

import io.wsconnector.annotations.HeaderParam;
import io.wsconnector.annotations.PathParam;
import io.wsconnector.annotations.QueryParam;

/**
 * An {@link Argument} bound to a value of the opening handshake: a path parameter, a query parameter
 * or a header, converted to a type. The generated dispatcher converts each distinct one once, when it
 * is created with the handshake request, into a final field that every handler taking it is passed.
 *
 * @param source     where the value comes from
 * @param name       its name: the template's, the query's or the header's
 * @param conversion how the text is converted
 * @param type       the converted type, boxed: {@code String}, {@code Integer}, {@code Long},
 *                   {@code Boolean}, {@code UUID} or the enum
 * @param optional   whether the parameter is an {@code Optional}, empty when the value is absent
 */
record HandshakeValue(Source source, String name, Conversion conversion, ClassName type, boolean optional)
        implements Argument {

    /** How the description of this value starts in a 400 answer, e.g. {@code path parameter 'room'}. */
    String description() {
        return source.description + " '" + name + "'";
    }

    @Override
    public boolean sameValueAs(Argument other) {
        return false; // taking the same value twice is pointless but harmless
    }

    /** Where a handshake value comes from, with the annotation that binds it. */
    enum Source {
        PATH(PathParam.class, "path parameter"),
        QUERY(QueryParam.class, "query parameter"),
        HEADER(HeaderParam.class, "header");

        private final ClassName annotation;
        private final String description;

        Source(Class<? extends Annotation> annotation, String description) {
            this.annotation = ClassName.get(annotation);
            this.description = description;
        }

        /** The handshake-value annotations on {@code parameter}, in the order of this enum; one binds a value. */
        static List<Source> on(Element parameter) {
            List<Source> sources = new ArrayList<>();
            for (Source source : values()) {
                if (Mirrors.annotation(parameter, source.annotation) != null) {
                    sources.add(source);
                }
            }
            return sources;
        }

        /** The annotation that binds a value from this source. */
        ClassName annotation() {
            return annotation;
        }

        /** The annotation as written in source, e.g. {@code @PathParam}. */
        String displayName() {
            return "@" + annotation.simpleName();
        }
    }

    /** How the text of a handshake value becomes the parameter's type. */
    enum Conversion {
        /** None: the text itself. */
        STRING,
        /** {@code Integer.parseInt}. */
        INT,
        /** {@code Long.parseLong}. */
        LONG,
        /** {@code true} or {@code false}, case-insensitively. */
        BOOLEAN,
        /** {@code UUID.fromString}. */
        UUID,
        /** The enum's {@code valueOf}: a constant's exact name. */
        ENUM
    }
}
