package io.wsconnector.runtime.protocol;

import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.helidon.http.Header;
import io.helidon.http.Headers;
import io.wsconnector.runtime.HandshakeRequest;

/**
 * A connection's opening handshake, kept for the connection's life ({@code session.handshake()}), so
 * kept small: the headers as one array of names and values (Helidon's own header objects are several
 * times larger), the raw query, parsed the first time a query parameter is asked for.
 */
final class Handshake implements HandshakeRequest {
    private final String path;
    private final Map<String, String> pathParams;
    private final String rawQuery;
    /** Lower-case name, value, name, value...; a header with several values has one pair per value. */
    private final String[] headers;
    private final InetSocketAddress remoteAddress;
    private final List<String> requestedSubprotocols;
    private final Optional<String> subprotocol;
    private volatile Map<String, List<String>> query;

    Handshake(String path, Map<String, String> pathParams, String rawQuery, Headers headers,
              InetSocketAddress remoteAddress, List<String> requestedSubprotocols, String subprotocol) {
        this.path = path;
        this.pathParams = pathParams;
        this.rawQuery = rawQuery == null || rawQuery.isEmpty() ? "" : rawQuery;
        this.headers = copy(headers);
        this.remoteAddress = remoteAddress;
        this.requestedSubprotocols = requestedSubprotocols;
        this.subprotocol = Optional.ofNullable(subprotocol);
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String pathParam(String name) {
        return pathParams.get(name);
    }

    @Override
    public Map<String, String> pathParams() {
        return pathParams;
    }

    @Override
    public Optional<String> queryParam(String name) {
        List<String> values = query().get(name);
        return values == null ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public List<String> queryParams(String name) {
        List<String> values = query().get(name);
        return values == null ? List.of() : values;
    }

    @Override
    public Optional<String> header(String name) {
        String lowerCase = name.toLowerCase(Locale.ROOT);
        String found = null;
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equals(lowerCase)) {
                found = found == null ? headers[i + 1] : found + ", " + headers[i + 1];
            }
        }
        return Optional.ofNullable(found);
    }

    private static String[] copy(Headers headers) {
        int values = 0;
        for (Header header : headers) {
            values += header.valueCount();
        }
        String[] copy = new String[2 * values];
        int i = 0;
        for (Header header : headers) {
            String name = header.headerName().lowerCase();
            for (String value : header.allValues()) {
                if (i < copy.length) {
                    copy[i++] = name;
                    copy[i++] = shared(value);
                }
            }
        }
        return i == copy.length ? copy : Arrays.copyOf(copy, i);
    }

    /** The values every handshake has, as constants: a connection does not keep its own copy of them. */
    private static String shared(String value) {
        return switch (value) {
            case "websocket" -> "websocket";
            case "Upgrade" -> "Upgrade";
            case "upgrade" -> "upgrade";
            case "13" -> "13";
            default -> value;
        };
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    @Override
    public List<String> requestedSubprotocols() {
        return requestedSubprotocols;
    }

    @Override
    public Optional<String> subprotocol() {
        return subprotocol;
    }

    @Override
    public String toString() {
        // not the query: it often carries a token, and this string goes to logs
        return "HandshakeRequest[" + path + " from " + remoteAddress + "]";
    }

    private Map<String, List<String>> query() {
        Map<String, List<String>> parsed = query;
        if (parsed == null) {
            parsed = parseQuery(rawQuery);
            query = parsed;
        }
        return parsed;
    }

    /**
     * {@code name=value} pairs separated by {@code &}, decoded as a form ({@code +} is a space); a name
     * without {@code =} has the value {@code ""}; a malformed escape leaves that part as it was sent.
     */
    static Map<String, List<String>> parseQuery(String rawQuery) {
        if (rawQuery.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> values = new HashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decodeQueryPart(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decodeQueryPart(pair.substring(equals + 1));
            values.computeIfAbsent(name, key -> new ArrayList<>(1)).add(value);
        }
        values.replaceAll((name, list) -> Collections.unmodifiableList(list));
        return Collections.unmodifiableMap(values);
    }

    private static String decodeQueryPart(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return part;
        }
    }
}
