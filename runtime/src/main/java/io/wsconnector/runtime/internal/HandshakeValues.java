package io.wsconnector.runtime.internal;

import java.util.Optional;
import java.util.function.Function;

import io.wsconnector.runtime.UpgradeRejectedException;

/**
 * Conversions of handshake values ({@code @PathParam}, {@code @QueryParam}, {@code @HeaderParam}) for
 * generated dispatchers, which convert them once, when the dispatcher is created: a missing or
 * unconvertible value refuses the handshake with 400, saying which value and why.
 */
public final class HandshakeValues {
    private HandshakeValues() {
    }

    /**
     * A value that must be present.
     *
     * @param raw         the value, or empty if absent
     * @param description e.g. {@code "query parameter 'nick'"}
     * @return the value
     * @throws UpgradeRejectedException 400 if absent
     */
    public static String require(Optional<String> raw, String description) {
        return raw.orElseThrow(() -> new UpgradeRejectedException(400, "Missing " + description));
    }

    /**
     * A value that must be present and convert.
     *
     * @param raw         the value, or empty if absent
     * @param description e.g. {@code "query parameter 'page'"}
     * @param parser      e.g. {@code Integer::parseInt}, {@code UUID::fromString}, {@code Color::valueOf}
     * @param <T>         the converted type
     * @return the converted value, never {@code null}
     * @throws UpgradeRejectedException 400 if absent or not convertible
     */
    public static <T> T require(Optional<String> raw, String description, Function<String, T> parser) {
        return convert(require(raw, description), description, parser);
    }

    /**
     * A value that is present (a path parameter, which the route guarantees) and must convert.
     *
     * @param value       the value
     * @param description e.g. {@code "path parameter 'userId'"}
     * @param parser      e.g. {@code Integer::parseInt}, {@code UUID::fromString}, {@code Color::valueOf}
     * @param <T>         the converted type
     * @return the converted value, never {@code null}
     * @throws UpgradeRejectedException 400 if not convertible
     */
    public static <T> T convert(String value, String description, Function<String, T> parser) {
        T converted;
        try {
            converted = parser.apply(value);
        } catch (RuntimeException e) {
            throw new UpgradeRejectedException(400, "Invalid " + description + ": '" + value + "'");
        }
        if (converted == null) {
            throw new UpgradeRejectedException(400, "Invalid " + description + ": '" + value + "'");
        }
        return converted;
    }

    /**
     * A value that may be absent, converted if present.
     *
     * @param raw         the value, or empty
     * @param description e.g. {@code "header 'X-Version'"}
     * @param parser      the conversion
     * @param <T>         the converted type
     * @return the converted value, or empty
     * @throws UpgradeRejectedException 400 if present but not convertible
     */
    public static <T> Optional<T> convertOptional(Optional<String> raw, String description, Function<String, T> parser) {
        return raw.map(value -> convert(value, description, parser));
    }

    /**
     * {@code true} or {@code false}, case-insensitively; anything else is not a boolean (unlike
     * {@link Boolean#parseBoolean}, which reads every other string as {@code false}).
     *
     * @param value the text
     * @return the boolean
     * @throws IllegalArgumentException if it is neither
     */
    public static Boolean parseBoolean(String value) {
        if (value.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (value.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("not a boolean: " + value);
    }
}
