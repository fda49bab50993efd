package io.wsconnector.runtime.deflate;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.Inflater;

/**
 * The {@code permessage-deflate} extension (RFC 7692) as one server, or one endpoint, offers it: chooses
 * the first of a client's offers it can honour and holds the pools that connections without context
 * takeover borrow from. Thread-safe.
 */
public final class DeflateExtension implements AutoCloseable {
    /** The extension's name in {@code Sec-WebSocket-Extensions}. */
    public static final String NAME = "permessage-deflate";

    private static final int POOL_CAPACITY = Math.min(64, Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));

    private final DeflateSettings settings;
    /** Compresses with the full window, no context kept; made when first agreed. */
    private SharedDeflater fullWindow;
    /** Compresses literals only, for every smaller window; made when first agreed. */
    private SharedDeflater literalsOnly;
    private final Pool<Inflater> inflaters = new Pool<>(POOL_CAPACITY, () -> new Inflater(true), Inflater::end);

    /**
     * @param settings what the server agrees to, and how it compresses
     */
    public DeflateExtension(DeflateSettings settings) {
        this.settings = settings;
    }

    /** @return the settings */
    public DeflateSettings settings() {
        return settings;
    }

    /**
     * Reads the client's offers and accepts the first one whose parameters are all valid and can be
     * honoured (RFC 7692, section 5). An offer is declined if it has a parameter RFC 7692 does not define,
     * a parameter twice, or a value where none belongs or an invalid one. Other extensions are ignored.
     *
     * @param headerValues the values of the request's {@code Sec-WebSocket-Extensions} headers
     * @return what was agreed; {@code null} if no offer of {@code permessage-deflate} can be accepted
     */
    public DeflateAgreement negotiate(Iterable<String> headerValues) {
        for (ExtensionOffer offer : ExtensionOffer.parse(headerValues)) {
            if (offer.name().equals(NAME)) {
                DeflateAgreement agreement = accept(offer.parameters());
                if (agreement != null) {
                    return agreement;
                }
            }
        }
        return null;
    }

    /** Section 7.1: one offer's parameters, accepted or ({@code null}) declined. */
    private DeflateAgreement accept(List<ExtensionOffer.Parameter> parameters) {
        boolean serverNoContextTakeover = settings.serverNoContextTakeover();
        boolean clientNoContextTakeover = settings.clientNoContextTakeover();
        int requestedServerWindow = -1;
        Set<String> seen = new HashSet<>(8);
        for (ExtensionOffer.Parameter parameter : parameters) {
            if (!seen.add(parameter.name())) {
                return null; // section 5: the same parameter twice
            }
            switch (parameter.name()) {
                case "server_no_context_takeover" -> {
                    if (parameter.value() != null) {
                        return null;
                    }
                    serverNoContextTakeover = true; // 7.1.1.1: accepted only by saying so in the response
                }
                case "client_no_context_takeover" -> {
                    if (parameter.value() != null) {
                        return null;
                    }
                    // 7.1.1.2: the client will not keep its context anyway; saying so lets us pool inflaters
                    clientNoContextTakeover = true;
                }
                case "server_max_window_bits" -> {
                    requestedServerWindow = windowBits(parameter.value());
                    if (requestedServerWindow < 0) {
                        return null; // 7.1.2.1: it must have a value, 8 to 15
                    }
                }
                case "client_max_window_bits" -> {
                    // 7.1.2.2: no value, or 8 to 15. Our inflater takes any window: we never limit the client's
                    if (parameter.value() != null && windowBits(parameter.value()) < 0) {
                        return null;
                    }
                }
                default -> {
                    return null; // a parameter RFC 7692 does not define
                }
            }
        }
        int window = requestedServerWindow < 0 ? settings.serverMaxWindowBits()
                : Math.min(requestedServerWindow, settings.serverMaxWindowBits());
        // 7.1.2.1: accepting a requested window means stating it (the same or smaller); unasked, only a smaller one
        boolean stateWindow = requestedServerWindow >= 0 || window < DeflateSettings.MAX_WINDOW_BITS;
        return new DeflateAgreement(this, serverNoContextTakeover, clientNoContextTakeover, window, stateWindow);
    }

    /**
     * Section 7.1.2: a window size is a decimal integer without leading zeroes, 8 to 15.
     *
     * @return the bits, or -1 if the value is not one
     */
    static int windowBits(String value) {
        if (value == null) {
            return -1;
        }
        return switch (value) {
            case "8" -> 8;
            case "9" -> 9;
            case "10" -> 10;
            case "11" -> 11;
            case "12" -> 12;
            case "13" -> 13;
            case "14" -> 14;
            case "15" -> 15;
            default -> -1;
        };
    }

    /**
     * The deflater for a connection. A compressor that codes literals only (windows under 15) never refers
     * to an earlier message, so it is shared even where context takeover is allowed.
     */
    MessageDeflater deflater(boolean serverNoContextTakeover, int windowBits) {
        if (windowBits == DeflateSettings.MAX_WINDOW_BITS && !serverNoContextTakeover) {
            int level = settings.compressionLevel();
            return new ContextDeflater(() -> new Compressor(level, windowBits), settings.threshold());
        }
        return sharedDeflater(windowBits);
    }

    private synchronized SharedDeflater sharedDeflater(int windowBits) {
        boolean full = windowBits == DeflateSettings.MAX_WINDOW_BITS;
        SharedDeflater deflater = full ? fullWindow : literalsOnly;
        if (deflater == null) {
            int level = settings.compressionLevel();
            deflater = new SharedDeflater(new Pool<>(POOL_CAPACITY, () -> new Compressor(level, windowBits),
                    Compressor::end), settings.threshold());
            if (full) {
                fullWindow = deflater;
            } else {
                literalsOnly = deflater;
            }
        }
        return deflater;
    }

    MessageInflater inflater(boolean clientNoContextTakeover) {
        return new MessageInflater(clientNoContextTakeover ? inflaters : null);
    }

    /** The server stops: ends every pooled compressor and inflater. Connections still open borrow new ones. */
    @Override
    public synchronized void close() {
        for (SharedDeflater deflater : new SharedDeflater[] {fullWindow, literalsOnly}) {
            if (deflater != null) {
                deflater.clearPool();
            }
        }
        inflaters.clear();
    }
}
