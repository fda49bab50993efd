package io.wsconnector.processor;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.lang.model.SourceVersion;

/**
 * Checks the paths of {@code @BasePath} and {@code @WebSocketUpgradePath}, joins them, and reads their
 * templates: a segment written {@code {name}} is a path parameter.
 */
final class EndpointPaths {
    private static final String ALLOWED_PUNCTUATION = "-._~!$&'()+,;=:@%";

    private EndpointPaths() {
    }

    /**
     * What is wrong with {@code path}, as the end of a sentence starting with the path, e.g.
     * "must start with '/'", or empty if the path is valid.
     */
    static Optional<String> problem(String path) {
        if (path.isEmpty()) {
            return Optional.of("is empty; write a path starting with '/', e.g. \"/websocket\"");
        }
        if (path.charAt(0) != '/') {
            return Optional.of("must start with '/'; write \"/" + path + "\"");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                return Optional.of("contains white space; remove it or encode it as %20");
            }
            if (c == '?') {
                return Optional.of("contains '?'; a path cannot carry a query string");
            }
            if (c == '#') {
                return Optional.of("contains '#'; a path cannot carry a fragment");
            }
        }
        if (path.contains("//")) {
            return Optional.of("contains '//'; separate segments with a single '/'");
        }
        if (path.equals("/.") || path.contains("/./") || path.endsWith("/.")) {
            return Optional.of("contains a '.' segment; write the path without relative segments");
        }
        if (path.contains("..")) {
            return Optional.of("contains '..'; write the path without relative segments");
        }
        for (String segment : segments(path)) {
            Optional<String> problem = segment.indexOf('{') >= 0 || segment.indexOf('}') >= 0
                    ? parameterProblem(segment)
                    : literalProblem(segment);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return repeatedParameter(path)
                .map(name -> "names path parameter '" + name + "' twice; give each parameter its own name");
    }

    private static Optional<String> parameterProblem(String segment) {
        if (segment.length() < 2 || segment.charAt(0) != '{' || segment.indexOf('{', 1) >= 0
                || segment.indexOf('}') != segment.length() - 1) {
            return Optional.of("has segment \"" + segment + "\"; a path parameter is a whole segment written "
                    + "{name}, e.g. \"/rooms/{room}\"");
        }
        String name = segment.substring(1, segment.length() - 1);
        if (!isParameterName(name)) {
            return Optional.of("has path parameter \"" + segment + "\", whose name is not a Java identifier; "
                    + "name it like a Java parameter, e.g. {room}");
        }
        return Optional.empty();
    }

    private static Optional<String> literalProblem(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (c == '%' && !(i + 2 < segment.length() && isHexDigit(segment.charAt(i + 1))
                    && isHexDigit(segment.charAt(i + 2)))) {
                return Optional.of("contains a '%' not followed by two hex digits; percent-encode it as %25");
            }
            if (!letterOrDigit && ALLOWED_PUNCTUATION.indexOf(c) < 0) {
                return Optional.of("contains '" + c + "', which a URI path cannot hold unencoded; use letters, "
                        + "digits and - . _ ~ ! $ & ' ( ) + , ; = : @, or percent-encode it");
            }
        }
        return Optional.empty();
    }

    private static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isParameterName(String name) {
        return SourceVersion.isIdentifier(name) && !SourceVersion.isKeyword(name);
    }

    /** The first name that a valid template uses for two path parameters, if any. */
    static Optional<String> repeatedParameter(String path) {
        Set<String> seen = new HashSet<>();
        for (String name : parameterNames(path)) {
            if (!seen.add(name)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    /** A valid template's path parameter names, in order: {@code [room, user]} for {@code /r/{room}/{user}}. */
    static List<String> parameterNames(String path) {
        List<String> names = new ArrayList<>();
        for (String segment : segments(path)) {
            if (isParameter(segment)) {
                names.add(segment.substring(1, segment.length() - 1));
            }
        }
        return names;
    }

    /**
     * Whether some request path matches both valid templates: they have as many segments, and each
     * pair of segments has a path parameter or is the same literal, compared percent-decoded as the
     * runtime matches requests ({@code caf%C3%A9} is {@code caf%c3%a9}). The runtime's
     * {@code PathTemplate.overlaps} is the same check; {@code test-vectors/path-overlap.tsv} keeps the
     * two equal.
     */
    static boolean canMatchSameRequest(String path, String otherPath) {
        List<String> segments = segments(path);
        List<String> otherSegments = segments(otherPath);
        if (segments.size() != otherSegments.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            String other = otherSegments.get(i);
            if (!isParameter(segment) && !isParameter(other) && !decoded(segment).equals(decoded(other))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A literal segment percent-decoded as UTF-8, or as written if its escapes are not UTF-8 (the
     * runtime compares such a segment as written too).
     */
    private static String decoded(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%' && i + 2 < segment.length()) {
                bytes.write(HexFormat.fromHexDigits(segment, i + 1, i + 3));
                i += 2;
            } else {
                bytes.write(c); // a valid path is ASCII outside its escapes
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return segment;
        }
    }

    private static boolean isParameter(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    /** The segments after the leading {@code /}: {@code [""]} for {@code /}, {@code [a, ""]} for {@code /a/}. */
    private static List<String> segments(String path) {
        return List.of(path.substring(1).split("/", -1));
    }

    /**
     * Joins a base path and an upgrade path with exactly one {@code /}: {@code ("/test", "/websocket")}
     * and {@code ("/test/", "/websocket")} give {@code /test/websocket}; an upgrade path of {@code /}
     * gives the base path itself.
     */
    static String join(String basePath, String upgradePath) {
        String base = basePath;
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (upgradePath.equals("/")) {
            return base.isEmpty() ? "/" : base;
        }
        return base + upgradePath;
    }
}
