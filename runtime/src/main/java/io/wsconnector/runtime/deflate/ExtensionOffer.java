package io.wsconnector.runtime.deflate;

import java.util.ArrayList;
import java.util.List;

/**
 * One extension a client offers in {@code Sec-WebSocket-Extensions}, with its parameters in the order
 * sent; quoted values are unquoted.
 *
 * @param name       the extension's token, e.g. {@code permessage-deflate}
 * @param parameters its parameters
 */
record ExtensionOffer(String name, List<Parameter> parameters) {

    /**
     * One extension parameter.
     *
     * @param name  its token
     * @param value its value, unquoted; {@code null} if it has none
     */
    record Parameter(String name, String value) {
    }

    /**
     * Reads every offer of every {@code Sec-WebSocket-Extensions} header, in order (RFC 6455, section 9.1:
     * {@code 1#( token *( ";" token [ "=" ( token | quoted-string ) ] ) )}). An element that breaks the
     * grammar is left out, as if it had not been offered; the others still count.
     *
     * @param headerValues the values of every {@code Sec-WebSocket-Extensions} header
     * @return the well-formed offers
     */
    static List<ExtensionOffer> parse(Iterable<String> headerValues) {
        List<ExtensionOffer> offers = new ArrayList<>(2);
        for (String value : headerValues) {
            new Reader(value).readList(offers);
        }
        return offers;
    }

    /** A cursor over one header value. */
    private static final class Reader {
        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        void readList(List<ExtensionOffer> offers) {
            while (true) {
                skipSpace();
                if (at >= text.length()) {
                    return;
                }
                if (text.charAt(at) == ',') { // an empty list element, which the # rule allows
                    at++;
                    continue;
                }
                ExtensionOffer offer = readOffer();
                if (offer != null) {
                    offers.add(offer);
                } else {
                    skipToNextElement();
                }
            }
        }

        /** @return the offer, ending at a comma or the end; {@code null} if it breaks the grammar */
        private ExtensionOffer readOffer() {
            String name = readToken();
            if (name == null) {
                return null;
            }
            List<Parameter> parameters = new ArrayList<>(4);
            while (true) {
                skipSpace();
                if (at >= text.length()) {
                    return new ExtensionOffer(name, List.copyOf(parameters));
                }
                char c = text.charAt(at);
                if (c == ',') {
                    at++;
                    return new ExtensionOffer(name, List.copyOf(parameters));
                }
                if (c != ';') {
                    return null;
                }
                at++;
                skipSpace();
                Parameter parameter = readParameter();
                if (parameter == null) {
                    return null;
                }
                parameters.add(parameter);
            }
        }

        private Parameter readParameter() {
            String name = readToken();
            if (name == null) {
                return null;
            }
            skipSpace();
            if (at >= text.length() || text.charAt(at) != '=') {
                return new Parameter(name, null);
            }
            at++;
            skipSpace();
            String value = at < text.length() && text.charAt(at) == '"' ? readQuoted() : readToken();
            return value == null ? null : new Parameter(name, value);
        }

        private String readToken() {
            int start = at;
            while (at < text.length() && isTokenChar(text.charAt(at))) {
                at++;
            }
            return at == start ? null : text.substring(start, at);
        }

        /** A quoted-string (RFC 9110, section 5.6.4), unquoted; {@code null} if it does not end. */
        private String readQuoted() {
            StringBuilder value = new StringBuilder();
            at++; // the opening quote
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\') {
                    if (at >= text.length()) {
                        return null;
                    }
                    c = text.charAt(at++);
                }
                value.append(c);
            }
            return null;
        }

        /** Skips the rest of a malformed element, to the next comma outside a quoted string. */
        private void skipToNextElement() {
            boolean quoted = false;
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (quoted && c == '\\') {
                    at++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (c == ',' && !quoted) {
                    return;
                }
            }
        }

        private void skipSpace() {
            while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
                at++;
            }
        }

        /** RFC 9110, section 5.6.2: {@code tchar}. */
        private static boolean isTokenChar(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
        }
    }
}
