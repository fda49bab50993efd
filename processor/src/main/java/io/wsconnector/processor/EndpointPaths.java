package io.wsconnector.processor;

import java.util.Optional;

/**
 * Checks the paths of {@code @BasePath} and {@code @WebSocketUpgradePath}, and joins them.
 */
final class EndpointPaths {
    private static final String ALLOWED_PUNCTUATION = "-._~!$&'()+,;=:@/%";

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
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (c == '%' && !(i + 2 < path.length() && isHexDigit(path.charAt(i + 1)) && isHexDigit(path.charAt(i + 2)))) {
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
