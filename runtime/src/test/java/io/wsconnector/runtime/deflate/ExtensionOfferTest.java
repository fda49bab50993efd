package io.wsconnector.runtime.deflate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import io.wsconnector.runtime.deflate.ExtensionOffer.Parameter;
import org.junit.jupiter.api.Test;

class ExtensionOfferTest {

    @Test
    void readsSeveralOffersInOneHeaderInOrder() {
        assertEquals(List.of(
                        new ExtensionOffer("permessage-deflate", List.of(new Parameter("server_no_context_takeover", null),
                                new Parameter("server_max_window_bits", "9"))),
                        new ExtensionOffer("permessage-deflate", List.of(new Parameter("client_max_window_bits", null))),
                        new ExtensionOffer("permessage-deflate", List.of())),
                ExtensionOffer.parse(List.of("permessage-deflate; server_no_context_takeover; server_max_window_bits=9, "
                        + "permessage-deflate;client_max_window_bits,permessage-deflate")));
    }

    @Test
    void readsOffersFromSeveralHeadersInOrder() {
        assertEquals(List.of("x-webkit-deflate-frame", "permessage-deflate", "foo"),
                ExtensionOffer.parse(List.of("x-webkit-deflate-frame", "permessage-deflate, foo")).stream()
                        .map(ExtensionOffer::name).toList());
    }

    @Test
    void unquotesQuotedValuesWithSeparatorsAndEscapesInside() {
        assertEquals(List.of(
                        new ExtensionOffer("a", List.of(new Parameter("p", "1, 2; 3"), new Parameter("q", "say \"x\\y\""))),
                        new ExtensionOffer("b", List.of(new Parameter("server_max_window_bits", "10")))),
                ExtensionOffer.parse(List.of("a; p=\"1, 2; 3\"; q=\"say \\\"x\\\\y\\\"\", b; server_max_window_bits=\"10\"")));
    }

    @Test
    void leavesOutMalformedOffersButKeepsTheOthers() {
        assertEquals(List.of("good", "also-good", "last"),
                ExtensionOffer.parse(List.of(
                        "good, bad; =1, bad;; x, bad; p=\"un, terminated\" q, also-good; p=1, bad p, \"quoted-name\", "
                                + "last", "bad; p=\"never closed")).stream()
                        .map(ExtensionOffer::name).toList());
    }

    @Test
    void toleratesEmptyElementsAndWhitespaceAroundSeparators() {
        assertEquals(List.of(new ExtensionOffer("permessage-deflate", List.of(new Parameter("client_max_window_bits", "15"),
                        new Parameter("server_no_context_takeover", null)))),
                ExtensionOffer.parse(List.of(" , ,\tpermessage-deflate ;\tclient_max_window_bits = 15 ; "
                        + "server_no_context_takeover , ", "", " ")));
    }
}
