package io.wsconnector.runtime.deflate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 7692 sections 5 and 7.1: which offer is accepted, and the exact response. Offers named after
 * Autobahn cases are those cases' offers; {@code DECLINED} means no {@code Sec-WebSocket-Extensions} in
 * the response.
 */
class DeflateNegotiationTest {
    private static final String DECLINED = "DECLINED";
    /** Keeps both contexts unless asked not to: the response says only what the offer asked for. */
    private static final DeflateSettings AS_ASKED = new DeflateSettings(false, false, 15, 6, 0);
    /** No context kept on either side, whatever the offer. */
    private static final DeflateSettings NO_CONTEXT = new DeflateSettings(true, true, 15, 6, 0);
    /** Compresses with a 1 KiB window at most. */
    private static final DeflateSettings WINDOW_10 = new DeflateSettings(false, false, 10, 6, 0);
    private static final String AUTOBAHN_DEFAULT = "permessage-deflate; client_no_context_takeover; client_max_window_bits";

    static Stream<Arguments> offers() {
        return Stream.of(
                // browsers and Autobahn
                row(AS_ASKED, "permessage-deflate", "permessage-deflate"),
                row(AS_ASKED, "permessage-deflate; client_max_window_bits", "permessage-deflate"),
                row(AS_ASKED, AUTOBAHN_DEFAULT, "permessage-deflate; client_no_context_takeover"),
                row(AS_ASKED, AUTOBAHN_DEFAULT + "; server_no_context_takeover",
                        "permessage-deflate; server_no_context_takeover; client_no_context_takeover"),
                row(AS_ASKED, AUTOBAHN_DEFAULT + "; server_max_window_bits=9",
                        "permessage-deflate; client_no_context_takeover; server_max_window_bits=9"),
                row(AS_ASKED, AUTOBAHN_DEFAULT + "; server_max_window_bits=15",
                        "permessage-deflate; client_no_context_takeover; server_max_window_bits=15"),
                row(AS_ASKED, AUTOBAHN_DEFAULT + "; server_no_context_takeover; server_max_window_bits=9",
                        "permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=9"),
                row(AS_ASKED, AUTOBAHN_DEFAULT + "; server_no_context_takeover; server_max_window_bits=15",
                        "permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=15"),
                row(AS_ASKED, "permessage-deflate; server_no_context_takeover; server_max_window_bits=9, "
                                + "permessage-deflate; server_no_context_takeover, permessage-deflate",
                        "permessage-deflate; server_no_context_takeover; server_max_window_bits=9"),
                // the first offer that can be honoured
                row(AS_ASKED, "x-webkit-deflate-frame, permessage-deflate", "permessage-deflate"),
                row(AS_ASKED, "permessage-deflate; server_max_window_bits=7, permessage-deflate; server_max_window_bits=10",
                        "permessage-deflate; server_max_window_bits=10"),
                // literals only keep any window, the smallest too
                row(AS_ASKED, "permessage-deflate; server_max_window_bits=8", "permessage-deflate; server_max_window_bits=8"),
                row(AS_ASKED, "permessage-deflate; x-unknown, permessage-deflate; client_no_context_takeover",
                        "permessage-deflate; client_no_context_takeover"),
                // quoted values are the same values
                row(AS_ASKED, "permessage-deflate; server_max_window_bits=\"12\"; client_max_window_bits=\"10\"",
                        "permessage-deflate; server_max_window_bits=12"),
                // declined offers (section 5): unknown, repeated, valued where none belongs, invalid values
                row(AS_ASKED, "permessage-deflate; x-unknown", DECLINED),
                row(AS_ASKED, "permessage-deflate; server_no_context_takeover; server_no_context_takeover", DECLINED),
                row(AS_ASKED, "permessage-deflate; client_max_window_bits; client_max_window_bits=10", DECLINED),
                row(AS_ASKED, "permessage-deflate; server_no_context_takeover=true", DECLINED),
                row(AS_ASKED, "permessage-deflate; client_no_context_takeover=\"\"", DECLINED),
                row(AS_ASKED, "permessage-deflate; server_max_window_bits", DECLINED),
                row(AS_ASKED, "permessage-deflate; server_max_window_bits=7", DECLINED),
                row(AS_ASKED, "permessage-deflate; server_max_window_bits=16", DECLINED),
                row(AS_ASKED, "permessage-deflate; server_max_window_bits=09", DECLINED),
                row(AS_ASKED, "permessage-deflate; server_max_window_bits=1a", DECLINED),
                row(AS_ASKED, "permessage-deflate; client_max_window_bits=16", DECLINED),
                row(AS_ASKED, "permessage-deflate; client_max_window_bits=010", DECLINED),
                row(AS_ASKED, "Permessage-Deflate", DECLINED),
                row(AS_ASKED, "x-webkit-deflate-frame", DECLINED),
                row(AS_ASKED, "permessage-deflate; server_max_window_bits=\"9", DECLINED),
                // the server's own choices: stated even unasked, as sections 7.1.1.1, 7.1.1.2 and 7.1.2.1 allow
                row(NO_CONTEXT, "permessage-deflate",
                        "permessage-deflate; server_no_context_takeover; client_no_context_takeover"),
                row(NO_CONTEXT, "permessage-deflate; client_max_window_bits; server_max_window_bits=11",
                        "permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=11"),
                row(WINDOW_10, "permessage-deflate", "permessage-deflate; server_max_window_bits=10"),
                row(WINDOW_10, "permessage-deflate; server_max_window_bits=15", "permessage-deflate; server_max_window_bits=10"),
                row(WINDOW_10, "permessage-deflate; server_max_window_bits=9", "permessage-deflate; server_max_window_bits=9"));
    }

    private static Arguments row(DeflateSettings settings, String offer, String response) {
        return Arguments.of(settings, offer, response);
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource("offers")
    void answersEachOfferExactly(DeflateSettings settings, String offer, String response) {
        DeflateAgreement agreement = new DeflateExtension(settings).negotiate(List.of(offer));
        assertEquals(response, agreement == null ? DECLINED : agreement.responseHeaderValue());
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("offers")
    void neverLimitsTheClientWindowSinceAnyWindowInflates(DeflateSettings settings, String offer, String response) {
        DeflateAgreement agreement = new DeflateExtension(settings).negotiate(List.of(offer));
        assertFalse(agreement != null && agreement.responseHeaderValue().contains("client_max_window_bits"), offer);
    }

    @Test
    void readsOffersAcrossSeveralHeaders() {
        DeflateAgreement agreement = new DeflateExtension(AS_ASKED)
                .negotiate(List.of("permessage-deflate; x-unknown", "permessage-deflate; server_max_window_bits=11"));
        assertEquals("permessage-deflate; server_max_window_bits=11", agreement.responseHeaderValue());
    }

    @Test
    void noOfferMeansNoAgreement() {
        assertNull(new DeflateExtension(AS_ASKED).negotiate(List.of()));
    }

    @Test
    void agreementStatesTheWindowAndContextsUsed() {
        DeflateAgreement agreement = new DeflateExtension(AS_ASKED)
                .negotiate(List.of(AUTOBAHN_DEFAULT + "; server_no_context_takeover; server_max_window_bits=9"));
        assertTrue(agreement.serverNoContextTakeover());
        assertTrue(agreement.clientNoContextTakeover());
        assertEquals(9, agreement.serverWindowBits());
    }

    @Test
    void connectionsWithoutServerContextShareOneDeflaterPerWindowSoThatBroadcastsCompressOnce() {
        DeflateExtension extension = new DeflateExtension(NO_CONTEXT);
        MessageDeflater first = extension.negotiate(List.of("permessage-deflate")).newDeflater();
        MessageDeflater second = extension.negotiate(List.of("permessage-deflate")).newDeflater();
        MessageDeflater window9 = extension.negotiate(List.of("permessage-deflate; server_max_window_bits=9"))
                .newDeflater();
        MessageDeflater window12 = extension.negotiate(List.of("permessage-deflate; server_max_window_bits=12"))
                .newDeflater();
        assertTrue(first.isShared());
        assertSame(first, second);
        assertTrue(window9.isShared());
        assertFalse(first == window9, "a smaller window compresses differently");
        assertSame(window9, window12, "every smaller window codes literals only");
    }

    @Test
    void aSmallWindowNeedsNoContextEvenWhereContextTakeoverIsAllowed() {
        MessageDeflater deflater = new DeflateExtension(AS_ASKED)
                .negotiate(List.of("permessage-deflate; server_max_window_bits=9")).newDeflater();
        assertTrue(deflater.isShared());
    }

    @Test
    void connectionsWithServerContextHaveTheirOwnDeflater() {
        DeflateExtension extension = new DeflateExtension(AS_ASKED);
        MessageDeflater first = extension.negotiate(List.of("permessage-deflate")).newDeflater();
        MessageDeflater second = extension.negotiate(List.of("permessage-deflate")).newDeflater();
        assertFalse(first.isShared());
        assertFalse(first == second);
    }
}
