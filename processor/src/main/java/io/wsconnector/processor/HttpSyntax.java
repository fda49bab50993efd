package io.wsconnector.processor;

import java.util.Optional;

/**
 * Checks the HTTP values an endpoint declares: subprotocol and header names (RFC 7230 tokens) and
 * allowed origins (RFC 6454).
 */
final class HttpSyntax {
    private static final String TOKEN_PUNCTUATION = "!#$%&'*+-.^_`|~";
    private static final String EXAMPLE_ORIGIN = "e.g. \"https://app.example.com\"";

    private HttpSyntax() {
    }

    /** Whether {@code value} is a non-empty RFC 7230 token, as subprotocols and header names must be. */
    static boolean isToken(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isAsciiLetterOrDigit(c) && TOKEN_PUNCTUATION.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * What is wrong with an allowed origin, as the end of a sentence starting with the origin, or empty
     * if it is {@code *} or {@code scheme://host[:port]}.
     */
    static Optional<String> originProblem(String origin) {
        if (origin.equals("*")) {
            return Optional.empty();
        }
        if (origin.isEmpty()) {
            return Optional.of("is empty; write \"*\" or scheme://host[:port], " + EXAMPLE_ORIGIN);
        }
        int schemeEnd = origin.indexOf("://");
        if (schemeEnd < 0) {
            return Optional.of("is not an origin; write \"*\" or scheme://host[:port], " + EXAMPLE_ORIGIN);
        }
        String scheme = origin.substring(0, schemeEnd);
        if (!isScheme(scheme)) {
            return Optional.of("has an invalid scheme '" + scheme + "'; write scheme://host[:port], " + EXAMPLE_ORIGIN);
        }
        String authority = origin.substring(schemeEnd + 3);
        int authorityEnd = firstIndexOf(authority, "/?#");
        if (authorityEnd >= 0) {
            return Optional.of("has a path, query or fragment; an origin is only scheme://host[:port], so write \""
                    + origin.substring(0, schemeEnd + 3 + authorityEnd) + "\"");
        }
        if (authority.indexOf('@') >= 0) {
            return Optional.of("contains user information; an origin is only scheme://host[:port]");
        }
        int ipv6End = authority.startsWith("[") ? authority.indexOf(']') : 0;
        int portStart = ipv6End < 0 ? -1 : authority.indexOf(':', ipv6End);
        String host = portStart < 0 ? authority : authority.substring(0, portStart);
        if (host.isEmpty()) {
            return Optional.of("has no host; write scheme://host[:port], " + EXAMPLE_ORIGIN);
        }
        if (!isHost(host)) {
            return Optional.of("has an invalid host '" + host + "'; write a host name such as app.example.com, "
                    + "an IPv4 address, or an IPv6 address in brackets");
        }
        if (portStart >= 0 && !isPort(authority.substring(portStart + 1))) {
            return Optional.of("has an invalid port '" + authority.substring(portStart + 1)
                    + "'; write a number from 1 to 65535, or no port");
        }
        return Optional.empty();
    }

    private static boolean isScheme(String scheme) {
        if (scheme.isEmpty() || !isAsciiLetter(scheme.charAt(0))) {
            return false;
        }
        for (int i = 1; i < scheme.length(); i++) {
            char c = scheme.charAt(i);
            if (!isAsciiLetterOrDigit(c) && c != '+' && c != '-' && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static boolean isHost(String host) {
        if (host.startsWith("[")) {
            if (host.length() < 4 || !host.endsWith("]")) {
                return false;
            }
            for (int i = 1; i < host.length() - 1; i++) {
                char c = host.charAt(i);
                if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
                    return false;
                }
            }
            return true;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!isAsciiLetterOrDigit(c) && c != '-' && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static boolean isPort(String port) {
        if (port.isEmpty() || port.length() > 5) {
            return false;
        }
        for (int i = 0; i < port.length(); i++) {
            if (port.charAt(i) < '0' || port.charAt(i) > '9') {
                return false;
            }
        }
        int number = Integer.parseInt(port);
        return number >= 1 && number <= 65535;
    }

    private static int firstIndexOf(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return isAsciiLetter(c) || (c >= '0' && c <= '9');
    }
}
