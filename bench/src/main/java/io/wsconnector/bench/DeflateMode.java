package io.wsconnector.bench;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Scenario 9's permessage-deflate mode (RFC 7692): what the load generator offers, and what it requires the
 * server to agree to, so that a server that declines or answers another mode fails the run rather than being
 * measured in the wrong mode.
 */
enum DeflateMode {
    /** No context kept on either side (ours' default): every message is compressed on its own. */
    NO_CONTEXT("no-context", "permessage-deflate; client_no_context_takeover; server_no_context_takeover"),
    /** Context kept both ways: each connection keeps its compressor and inflater between messages. */
    CONTEXT("context", "permessage-deflate");

    static final String EXTENSION = "permessage-deflate";
    static final String SERVER_NO_CONTEXT = "server_no_context_takeover";
    static final String CLIENT_NO_CONTEXT = "client_no_context_takeover";

    final String id;
    /** The {@code Sec-WebSocket-Extensions} header the load generator sends. */
    final String offer;

    DeflateMode(String id, String offer) {
        this.id = id;
        this.offer = offer;
    }

    static DeflateMode parse(String value) {
        for (DeflateMode m : values()) {
            if (m.id.equals(value.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("takes no-context or context, not '" + value + "'");
    }

    /**
     * Null if the server's {@code Sec-WebSocket-Extensions} response (null when absent) agrees to this mode,
     * else what is wrong.
     */
    String checkAgreed(String response) {
        if (response == null) {
            return "the server did not agree to " + EXTENSION + " (no Sec-WebSocket-Extensions in its 101)";
        }
        if (response.contains(",")) {
            return "the server agreed to more than one extension: '" + response + "'";
        }
        String[] parts = response.split(";");
        if (!parts[0].trim().equalsIgnoreCase(EXTENSION)) {
            return "the server agreed to '" + response + "' instead of " + EXTENSION;
        }
        Set<String> parameters = new HashSet<>();
        for (int i = 1; i < parts.length; i++) {
            parameters.add(parts[i].trim().toLowerCase(Locale.ROOT));
        }
        boolean serverResets = parameters.contains(SERVER_NO_CONTEXT);
        boolean clientResets = parameters.contains(CLIENT_NO_CONTEXT);
        if (this == NO_CONTEXT && !serverResets) {
            return "the server will keep its compression context (no " + SERVER_NO_CONTEXT + " in '" + response
                    + "'), not the mode measured";
        }
        if (this == CONTEXT && (serverResets || clientResets)) {
            return "the server answered '" + response + "': context takeover is not kept both ways";
        }
        return null;
    }

    @Override
    public String toString() {
        return id;
    }
}
