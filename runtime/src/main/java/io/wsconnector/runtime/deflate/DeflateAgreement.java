package io.wsconnector.runtime.deflate;

/**
 * The {@code permessage-deflate} parameters agreed with one client (RFC 7692, section 7.1), the response
 * header that says so, and the compression state they call for.
 *
 * @see DeflateExtension#negotiate(Iterable)
 */
public final class DeflateAgreement {
    private final DeflateExtension extension;
    private final boolean serverNoContextTakeover;
    private final boolean clientNoContextTakeover;
    private final int serverWindowBits;
    private final String responseHeaderValue;

    DeflateAgreement(DeflateExtension extension, boolean serverNoContextTakeover, boolean clientNoContextTakeover,
                     int serverWindowBits, boolean stateServerWindow) {
        this.extension = extension;
        this.serverNoContextTakeover = serverNoContextTakeover;
        this.clientNoContextTakeover = clientNoContextTakeover;
        this.serverWindowBits = serverWindowBits;
        this.responseHeaderValue = DeflateExtension.NAME
                + (serverNoContextTakeover ? "; server_no_context_takeover" : "")
                + (clientNoContextTakeover ? "; client_no_context_takeover" : "")
                + (stateServerWindow ? "; server_max_window_bits=" + serverWindowBits : "");
    }

    /**
     * The value of the {@code Sec-WebSocket-Extensions} header of the 101 response: the parameters
     * accepted, spelled as RFC 7692 spells them, and nothing the client did not allow.
     *
     * @return e.g. {@code permessage-deflate; server_no_context_takeover; client_no_context_takeover}
     */
    public String responseHeaderValue() {
        return responseHeaderValue;
    }

    /** @return whether the server resets its compression after every message */
    public boolean serverNoContextTakeover() {
        return serverNoContextTakeover;
    }

    /** @return whether the client resets its compression after every message */
    public boolean clientNoContextTakeover() {
        return clientNoContextTakeover;
    }

    /** @return the window the server keeps to, 8 to 15 */
    public int serverWindowBits() {
        return serverWindowBits;
    }

    /**
     * The outgoing side for one connection: with server context takeover and the full window, the
     * connection's own; otherwise an instance shared by every connection of this extension that compresses
     * the same way.
     *
     * @return the connection's deflater
     */
    public MessageDeflater newDeflater() {
        return extension.deflater(serverNoContextTakeover, serverWindowBits);
    }

    /**
     * The incoming side for one connection.
     *
     * @return a new inflater, which borrows from the pool per message unless the client keeps its context
     */
    public MessageInflater newInflater() {
        return extension.inflater(clientNoContextTakeover);
    }

    @Override
    public String toString() {
        return responseHeaderValue;
    }
}
