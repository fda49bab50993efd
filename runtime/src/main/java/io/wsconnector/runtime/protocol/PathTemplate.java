package io.wsconnector.runtime.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An endpoint path split into segments, some of which may be parameters written {@code {name}}: matches
 * a request path segment by segment, exactly. A literal segment matches the same text (compared after
 * percent-decoding both); a parameter matches any one non-empty segment, and its value is the segment
 * percent-decoded as UTF-8 ({@code +} stays {@code +}, as in any path).
 */
final class PathTemplate {
    private final String path;
    /** Per segment: the decoded literal, or {@code null} for a parameter. */
    private final String[] literals;
    /** Per segment: the parameter's name, or {@code null} for a literal. */
    private final String[] names;
    private final boolean hasParameters;

    private PathTemplate(String path, String[] literals, String[] names, boolean hasParameters) {
        this.path = path;
        this.literals = literals;
        this.names = names;
        this.hasParameters = hasParameters;
    }

    /**
     * @param path an endpoint's path, starting with {@code /}
     * @return the template
     * @throws IllegalArgumentException if the path does not start with {@code /}, or names a parameter twice
     */
    static PathTemplate parse(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            throw new IllegalArgumentException("An endpoint path must start with '/': " + path);
        }
        List<String> segments = split(path);
        String[] literals = new String[segments.size()];
        String[] names = new String[segments.size()];
        boolean hasParameters = false;
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (segment.length() > 2 && segment.charAt(0) == '{' && segment.charAt(segment.length() - 1) == '}') {
                String name = segment.substring(1, segment.length() - 1);
                for (int j = 0; j < i; j++) {
                    if (name.equals(names[j])) {
                        throw new IllegalArgumentException("The path " + path + " names the parameter {" + name + "} twice");
                    }
                }
                names[i] = name;
                hasParameters = true;
            } else {
                String decoded = decode(segment);
                literals[i] = decoded != null ? decoded : segment;
            }
        }
        return new PathTemplate(path, literals, names, hasParameters);
    }

    /** The path as the endpoint declared it. */
    String path() {
        return path;
    }

    /** Whether any segment is a {@code {name}} parameter. */
    boolean hasParameters() {
        return hasParameters;
    }

    /**
     * Matches a request path.
     *
     * @param rawPath the request path as sent (percent-encoded), without the query
     * @return the decoded parameter values by name in template order, or {@code null} if the path does not match
     * @throws IllegalArgumentException if the path matches but a parameter's value is not valid percent-encoded UTF-8
     */
    Map<String, String> match(String rawPath) {
        List<String> segments = split(rawPath);
        if (segments.size() != literals.length) {
            return null;
        }
        for (int i = 0; i < literals.length; i++) {
            String segment = segments.get(i);
            if (literals[i] == null) {
                if (segment.isEmpty()) {
                    return null;
                }
            } else if (!literals[i].equals(segment) && !literals[i].equals(decode(segment))) {
                return null;
            }
        }
        if (!hasParameters) {
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            if (names[i] != null) {
                String value = decode(segments.get(i));
                if (value == null) {
                    throw new IllegalArgumentException("The path segment '" + segments.get(i)
                            + "' is not valid percent-encoded UTF-8");
                }
                values.put(names[i], value);
            }
        }
        return Collections.unmodifiableMap(values);
    }

    /**
     * Whether some request path matches both templates: they have as many segments, and at every
     * position at least one is a parameter or both are the same literal.
     */
    boolean overlaps(PathTemplate other) {
        if (literals.length != other.literals.length) {
            return false;
        }
        for (int i = 0; i < literals.length; i++) {
            if (literals[i] != null && other.literals[i] != null && !literals[i].equals(other.literals[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return path;
    }

    /** The segments after the leading {@code /}: {@code "/"} has one empty segment, {@code "/a/"} two. */
    private static List<String> split(String path) {
        List<String> segments = new ArrayList<>(8);
        int start = path.startsWith("/") ? 1 : 0;
        while (true) {
            int slash = path.indexOf('/', start);
            if (slash < 0) {
                segments.add(path.substring(start));
                return segments;
            }
            segments.add(path.substring(start, slash));
            start = slash + 1;
        }
    }

    /**
     * Percent-decodes a path segment as UTF-8.
     *
     * @return the decoded text, or {@code null} if a {@code %} is not followed by two hex digits or the
     *         bytes are not UTF-8
     */
    static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        int i = 0;
        while (i < segment.length()) {
            int percent = segment.indexOf('%', i);
            if (percent < 0) {
                bytes.writeBytes(segment.substring(i).getBytes(StandardCharsets.UTF_8));
                break;
            }
            bytes.writeBytes(segment.substring(i, percent).getBytes(StandardCharsets.UTF_8));
            if (percent + 2 >= segment.length()) {
                return null;
            }
            int high = hexValue(segment.charAt(percent + 1));
            int low = hexValue(segment.charAt(percent + 2));
            if (high < 0 || low < 0) {
                return null;
            }
            bytes.write((high << 4) | low);
            i = percent + 3;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
