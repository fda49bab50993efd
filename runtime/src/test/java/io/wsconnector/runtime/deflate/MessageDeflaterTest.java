package io.wsconnector.runtime.deflate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the server sends (RFC 7692, section 7.2.1), checked with a decoder that knows how far back each
 * reference reaches: every window is kept to, and without context takeover no message refers to another.
 */
class MessageDeflaterTest {
    /** Autobahn's message sizes, 16 bytes to 128 KiB. */
    static final int[] SIZES = {16, 64, 256, 1024, 4096, 8192, 16384, 32768, 65536, 131072};

    static Stream<Arguments> modes() {
        return Stream.of(true, false).flatMap(context -> Stream.of(8, 9, 12, 15)
                .map(window -> Arguments.of(context, window)));
    }

    @ParameterizedTest(name = "context takeover {0}, window {1}")
    @MethodSource("modes")
    void compressesEveryMessageSizeWithinTheAgreedWindowAndContext(boolean contextTakeover, int window) {
        MessageDeflater deflater = deflater(contextTakeover, window);
        DeflateAudit.History history = new DeflateAudit.History();
        for (Corpus corpus : Corpus.values()) {
            for (int size : SIZES) {
                for (int i = 0; i < (size < 32768 ? 3 : 1); i++) {
                    byte[] message = corpus.message(i, size);
                    byte[] payload = deflater.compress(message, 0, message.length);
                    if (payload == null) {
                        assertFalse(deflater instanceof ContextDeflater, "with context, what was compressed must be sent");
                        assertTrue(corpus == Corpus.PDF || size < 256, corpus + " " + size + " shrinks");
                        continue; // sent as it is: no part of any context
                    }
                    DeflateAudit.Result decoded = DeflateAudit.decode(contextTakeover ? history.bytes() : new byte[0],
                            payload);
                    assertArrayEquals(message, decoded.message(), corpus + " " + size);
                    assertTrue(decoded.longestDistance() <= (window < 15 ? 0 : 1 << window),
                            "distance " + decoded.longestDistance() + " beyond the window of " + (1 << window));
                    history.add(message);
                }
            }
        }
        deflater.release();
    }

    @Test
    void aThousandMessagesWithContextTakeoverKeepRestoringExactly() {
        MessageDeflater deflater = deflater(true, 15);
        DeflateAudit.History history = new DeflateAudit.History();
        int compressedBytes = 0;
        for (int i = 0; i < 1000; i++) {
            byte[] message = Corpus.JSON.message(i, 256);
            byte[] payload = deflater.compress(message, 0, message.length);
            compressedBytes += payload.length;
            assertArrayEquals(message, DeflateAudit.decode(history.bytes(), payload).message());
            history.add(message);
        }
        assertTrue(compressedBytes < 1000 * 256 / 2, "context makes JSON at least twice smaller: " + compressedBytes);
    }

    @Test
    void anEmptyMessageWithContextIsTheSingleOctetOfAnEmptyStoredBlock() {
        MessageDeflater deflater = deflater(true, 15);
        byte[] json = Corpus.JSON.message(0, 1024);
        deflater.compress(json, 0, json.length); // a sync flush happened already: zlib would refuse a second
        assertArrayEquals(new byte[] {0x00}, deflater.compress(new byte[0], 0, 0)); // section 7.2.3.6
        assertEquals(0, DeflateAudit.decode(new byte[0], new byte[] {0x00}).message().length);
    }

    @Test
    void anEmptyMessageWithoutContextGoesUncompressedSinceItCannotShrink() {
        assertNull(deflater(false, 15).compress(new byte[0], 0, 0));
    }

    @Test
    void messagesUnderTheThresholdGoUncompressed() {
        DeflateExtension extension = new DeflateExtension(new DeflateSettings(false, false, 15, 6, 100));
        MessageDeflater deflater = extension.negotiate(List.of("permessage-deflate")).newDeflater();
        byte[] message = Corpus.JSON.message(0, 100);
        assertNull(deflater.compress(message, 0, 99));
        assertNotNull(deflater.compress(message, 0, 100));
    }

    @Test
    void withoutContextWhatDoesNotShrinkGoesUncompressed() {
        MessageDeflater deflater = deflater(false, 15);
        byte[] random = Corpus.PDF.message(1, 4096);
        assertNull(deflater.compress(random, 4000, 90)); // random bytes: the deflate stream is longer
    }

    @Test
    void compressesThePartOfTheArrayItIsGiven() {
        MessageDeflater deflater = deflater(false, 15);
        byte[] json = Corpus.JSON.message(3, 2048);
        byte[] payload = deflater.compress(json, 100, 1000);
        assertArrayEquals(Arrays.copyOfRange(json, 100, 1100), DeflateAudit.decode(new byte[0], payload).message());
    }

    @Test
    void anIdleConnectionWithoutContextHoldsNoCompressorAndThePoolKeepsOne() {
        DeflateExtension extension = new DeflateExtension(new DeflateSettings(true, true, 15, 6, 0));
        SharedDeflater deflater = (SharedDeflater) extension.negotiate(List.of("permessage-deflate")).newDeflater();
        byte[] json = Corpus.JSON.message(0, 1024);
        for (int i = 0; i < 10; i++) {
            deflater.compress(json, 0, json.length);
        }
        assertEquals(1, deflater.pooledCompressors(), "one message at a time borrows the same one");
        extension.close();
        assertEquals(0, deflater.pooledCompressors());
        assertNotNull(deflater.compress(json, 0, json.length), "the pool lends new ones after close");
    }

    @Test
    void aConnectionWithContextHoldsItsCompressorFromItsFirstCompressedMessageUntilReleased() {
        ContextDeflater deflater = (ContextDeflater) deflater(true, 15);
        assertFalse(deflater.holdsCompressor());
        byte[] json = Corpus.JSON.message(0, 1024);
        deflater.compress(json, 0, json.length);
        assertTrue(deflater.holdsCompressor());
        deflater.release();
        assertFalse(deflater.holdsCompressor());
        deflater.release();
        assertThrows(IllegalStateException.class, () -> deflater.compress(json, 0, json.length));
    }

    private static MessageDeflater deflater(boolean contextTakeover, int window) {
        DeflateExtension extension = new DeflateExtension(new DeflateSettings(!contextTakeover, false, 15, 6, 0));
        return extension.negotiate(List.of("permessage-deflate; server_max_window_bits=" + window)).newDeflater();
    }
}
