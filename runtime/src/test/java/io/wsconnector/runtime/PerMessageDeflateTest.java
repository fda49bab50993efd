package io.wsconnector.runtime;

import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;
import java.util.zip.Deflater;

import io.wsconnector.runtime.deflate.Corpus;
import io.wsconnector.runtime.spi.WebSocketDispatcher;
import io.wsconnector.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * permessage-deflate (RFC 7692) over real sockets, covering what Autobahn's sections 12 and 13 check:
 * every offer of section 13, Autobahn's message sizes (16 bytes to 128 KiB) in one frame and fragmented
 * into 256-byte to 32 KiB frames, both context-takeover modes and both windows, long sequences with the
 * context kept, and the hostile input RFC 7692 and RFC 6455 say how to fail.
 */
class PerMessageDeflateTest {
    private static final String AUTOBAHN_DEFAULT = "permessage-deflate; client_no_context_takeover; client_max_window_bits";
    /** Autobahn's 18 size and fragmentation combinations: message size, client frame size. */
    private static final int[][] AUTOBAHN_CASES = {
            {16, 0}, {64, 0}, {256, 0}, {1024, 0}, {4096, 0}, {8192, 0}, {16384, 0}, {32768, 0}, {65536, 0},
            {131072, 0}, {8192, 256}, {16384, 256}, {32768, 256}, {65536, 256}, {131072, 256},
            {131072, 1024}, {131072, 4096}, {131072, 32768}};
    private static final int LIMIT = 256 * 1024;

    private static WebSocketServer server;

    /** Echoes every message as it came. */
    static final class Echo implements WebSocketDispatcher {
        @Override
        public CompletionStage<?> onTextMessage(WebSocketSession session, String message) {
            session.sendText(message);
            return null;
        }

        @Override
        public CompletionStage<?> onBinaryMessage(WebSocketSession session, byte[] message) {
            session.sendBinary(message);
            return null;
        }
    }

    /** Broadcasts every text message to all the endpoint's sessions. */
    static final class Broadcast implements WebSocketDispatcher {
        @Override
        public CompletionStage<?> onTextMessage(WebSocketSession session, String message) {
            session.sessions().broadcastText(message);
            return null;
        }
    }

    @BeforeAll
    static void start() {
        // the server keeps what the offer allows, so the offers below choose the mode
        server = TestServers.start(builder -> builder.maxMessageSize(LIMIT)
                        .compression(Compression.builder().serverNoContextTakeover(false).clientNoContextTakeover(false)
                                .threshold(0).build())
                        .compression("/defaults", Compression.defaults())
                        .compression("/plain", Compression.disabled()),
                TestEndpoint.at("/echo", Echo::new), TestEndpoint.at("/defaults", Echo::new),
                TestEndpoint.at("/plain", Echo::new), TestEndpoint.at("/broadcast", Broadcast::new));
    }

    @AfterAll
    static void stop() {
        TestServers.stop(server);
    }

    static Stream<Arguments> modes() {
        return Stream.of(
                Arguments.of("both contexts kept, window 15", "permessage-deflate; client_max_window_bits", 15,
                        "permessage-deflate"),
                Arguments.of("Autobahn 12 and 13.1", AUTOBAHN_DEFAULT, 15,
                        "permessage-deflate; client_no_context_takeover"),
                Arguments.of("Autobahn 13.2", AUTOBAHN_DEFAULT + "; server_no_context_takeover", 15,
                        "permessage-deflate; server_no_context_takeover; client_no_context_takeover"),
                Arguments.of("Autobahn 13.3", AUTOBAHN_DEFAULT + "; server_max_window_bits=9", 15,
                        "permessage-deflate; client_no_context_takeover; server_max_window_bits=9"),
                Arguments.of("Autobahn 13.4", AUTOBAHN_DEFAULT + "; server_max_window_bits=15", 15,
                        "permessage-deflate; client_no_context_takeover; server_max_window_bits=15"),
                Arguments.of("Autobahn 13.5", AUTOBAHN_DEFAULT + "; server_no_context_takeover; server_max_window_bits=9",
                        15, "permessage-deflate; server_no_context_takeover; client_no_context_takeover; "
                                + "server_max_window_bits=9"),
                Arguments.of("Autobahn 13.6", AUTOBAHN_DEFAULT + "; server_no_context_takeover; server_max_window_bits=15",
                        15, "permessage-deflate; server_no_context_takeover; client_no_context_takeover; "
                                + "server_max_window_bits=15"),
                Arguments.of("Autobahn 13.7", "permessage-deflate; server_no_context_takeover; server_max_window_bits=9, "
                                + "permessage-deflate; server_no_context_takeover, permessage-deflate", 15,
                        "permessage-deflate; server_no_context_takeover; server_max_window_bits=9"),
                Arguments.of("a client compressing with a 512-byte window, its context kept",
                        "permessage-deflate; client_max_window_bits=9", 9, "permessage-deflate"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void echoesEveryAutobahnSizeAndFragmentationInEveryMode(String mode, String offer, int clientWindow,
                                                           String agreed) throws IOException {
        try (DeflateClient client = DeflateClient.connect(server.port(), "/echo", offer, clientWindow)) {
            assertEquals(agreed, client.agreement());
            int index = 0;
            for (int[] autobahnCase : AUTOBAHN_CASES) {
                for (Corpus corpus : new Corpus[] {Corpus.JSON, Corpus.BITMAP, Corpus.PDF}) {
                    byte[] message = corpus.message(index++, autobahnCase[0]);
                    int frameSize = autobahnCase[1] == 0 ? Integer.MAX_VALUE : autobahnCase[1];
                    client.sendCompressed(corpus.isText() ? RawWebSocketClient.TEXT : RawWebSocketClient.BINARY, message, frameSize);
                    DeflateClient.Message echo = client.receive();
                    assertArrayEquals(message, echo.data(), corpus + " " + Arrays.toString(autobahnCase));
                    assertEquals(corpus.isText() ? RawWebSocketClient.TEXT : RawWebSocketClient.BINARY, echo.opcode());
                    if (corpus == Corpus.JSON && autobahnCase[0] >= 256) {
                        // (without context, what would not shrink, such as 16 bytes, may go uncompressed)
                        assertTrue(echo.compressed(), "JSON of " + autobahnCase[0] + " bytes comes back compressed");
                    }
                }
            }
            closeCleanly(client);
        }
    }

    @Test
    void aThousandMessagesInARowKeepBothContextsInStep() throws IOException {
        try (DeflateClient client = DeflateClient.connect(server.port(), "/echo", "permessage-deflate")) {
            assertEquals("permessage-deflate", client.agreement());
            long wire = 0;
            for (int i = 0; i < 1000; i++) {
                byte[] message = Corpus.JSON.message(i, 1024);
                client.sendCompressed(RawWebSocketClient.TEXT, message, i % 3 == 0 ? 256 : Integer.MAX_VALUE);
                DeflateClient.Message echo = client.receive();
                assertArrayEquals(message, echo.data(), "message " + i);
                wire += echo.wire().length;
            }
            assertTrue(wire < 1000 * 1024 / 3, "JSON with its context kept shrinks over 3 times: " + wire);
            closeCleanly(client);
        }
    }

    @Test
    void uncompressedMessagesMayBeMixedWithCompressedOnes() throws IOException {
        try (DeflateClient client = DeflateClient.connect(server.port(), "/echo", "permessage-deflate")) {
            for (int i = 0; i < 20; i++) {
                byte[] message = Corpus.JSON.message(i, 700);
                if (i % 2 == 0) {
                    client.sendUncompressed(RawWebSocketClient.TEXT, message);
                } else {
                    client.sendCompressed(RawWebSocketClient.TEXT, message, 100);
                }
                assertArrayEquals(message, client.receive().data());
            }
        }
    }

    @Test
    void emptyMessagesComeThroughCompressedOrNot() throws IOException {
        try (DeflateClient client = DeflateClient.connect(server.port(), "/echo", "permessage-deflate")) {
            client.sendCompressed(RawWebSocketClient.BINARY, new byte[0], Integer.MAX_VALUE); // the single octet 0x00
            assertEquals(0, client.receive().data().length);
            client.raw().sendFrame(0x80 | 0x40 | RawWebSocketClient.TEXT, true, new byte[0]); // an empty compressed payload
            assertEquals(0, client.receive().data().length);
            byte[] after = Corpus.JSON.message(1, 500);
            client.sendCompressed(RawWebSocketClient.TEXT, after, Integer.MAX_VALUE);
            assertArrayEquals(after, client.receive().data());
        }
    }

    @Test
    void byDefaultNoContextIsKeptAndSmallMessagesGoUncompressed() throws IOException {
        try (DeflateClient client = DeflateClient.connect(server.port(), "/defaults", "permessage-deflate; client_max_window_bits")) {
            assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover", client.agreement());
            byte[] small = Corpus.JSON.message(0, Compression.DEFAULT_THRESHOLD - 1);
            client.sendCompressed(RawWebSocketClient.TEXT, small, Integer.MAX_VALUE);
            DeflateClient.Message smallEcho = client.receive();
            assertArrayEquals(small, smallEcho.data());
            assertFalse(smallEcho.compressed(), "under the threshold");
            byte[] large = Corpus.JSON.message(1, Compression.DEFAULT_THRESHOLD);
            client.sendCompressed(RawWebSocketClient.TEXT, large, Integer.MAX_VALUE);
            DeflateClient.Message largeEcho = client.receive();
            assertArrayEquals(large, largeEcho.data());
            assertTrue(largeEcho.compressed());
        }
    }

    @Test
    void anEndpointWithCompressionDisabledDeclinesAndTreatsRsv1AsAProtocolError() throws IOException {
        try (DeflateClient client = DeflateClient.connect(server.port(), "/plain", "permessage-deflate")) {
            assertNull(client.agreement());
            client.raw().sendFrame(0x80 | 0x40 | RawWebSocketClient.TEXT, true, client.compress(Corpus.JSON.message(0, 300)));
            assertEquals(CloseCodes.PROTOCOL_ERROR, client.raw().readClose().closeCode());
        }
    }

    @Test
    void rsv1WithoutNegotiationIsAProtocolError() throws IOException {
        try (DeflateClient client = DeflateClient.connect(server.port(), "/echo", null)) {
            assertNull(client.agreement());
            client.raw().sendFrame(0x80 | 0x40 | RawWebSocketClient.TEXT, true, client.compress(Corpus.JSON.message(0, 300)));
            assertEquals(CloseCodes.PROTOCOL_ERROR, client.raw().readClose().closeCode());
        }
    }

    @Test
    void aCompressedControlFrameIsAProtocolError() throws IOException {
        try (DeflateClient client = DeflateClient.connect(server.port(), "/echo", "permessage-deflate")) {
            client.raw().sendFrame(0x80 | 0x40 | RawWebSocketClient.PING, true, HexFormat.of().parseHex("f248cdc9c90700"));
            assertEquals(CloseCodes.PROTOCOL_ERROR, client.raw().readClose().closeCode());
        }
        assertOtherConnectionsUnaffected();
    }

    @Test
    void rsv1OnAContinuationFrameIsAProtocolError() throws IOException {
        try (DeflateClient client = DeflateClient.connect(server.port(), "/echo", "permessage-deflate")) {
            byte[] payload = client.compress(Corpus.JSON.message(0, 600));
            client.raw().sendFrame(0x40 | RawWebSocketClient.TEXT, true, Arrays.copyOfRange(payload, 0, 100));
            client.raw().sendFrame(0x80 | 0x40, true, Arrays.copyOfRange(payload, 100, payload.length));
            assertEquals(CloseCodes.PROTOCOL_ERROR, client.raw().readClose().closeCode());
        }
        assertOtherConnectionsUnaffected();
    }

    @Test
    void invalidDeflateDataClosesWith1007() throws IOException {
        try (DeflateClient client = DeflateClient.connect(server.port(), "/echo", "permessage-deflate")) {
            client.raw().sendFrame(0x80 | 0x40 | RawWebSocketClient.BINARY, true, new byte[] {(byte) 0xFF, (byte) 0xFF, 0x01, 0x02});
            RawWebSocketClient.Frame close = client.raw().readClose();
            assertEquals(CloseCodes.INVALID_PAYLOAD, close.closeCode(), close.toString());
        }
        assertOtherConnectionsUnaffected();
    }

    @Test
    void compressedTextThatInflatesToInvalidUtf8ClosesWith1007() throws IOException {
        try (DeflateClient client = DeflateClient.connect(server.port(), "/echo", "permessage-deflate")) {
            client.sendCompressed(RawWebSocketClient.TEXT, new byte[] {'a', (byte) 0xC0, (byte) 0xAF}, Integer.MAX_VALUE);
            assertEquals(CloseCodes.INVALID_PAYLOAD, client.raw().readClose().closeCode());
        }
    }

    @Test
    void aSmallFrameInflatingPastTheLimitClosesWith1009AtOnce() throws IOException {
        Deflater bombMaker = new Deflater(9, true);
        bombMaker.setInput(new byte[64 * 1024 * 1024]); // 64 MiB of zeros, 256 times the limit
        byte[] out = new byte[256 * 1024];
        int length = bombMaker.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        bombMaker.end();
        byte[] bomb = Arrays.copyOf(out, length - 4);
        assertTrue(bomb.length < 80 * 1024, "a " + bomb.length + "-byte frame");
        try (DeflateClient client = DeflateClient.connect(server.port(), "/echo", "permessage-deflate")) {
            long started = System.nanoTime();
            client.raw().sendFrame(0x80 | 0x40 | RawWebSocketClient.BINARY, true, bomb);
            RawWebSocketClient.Frame close = client.raw().readClose();
            assertEquals(CloseCodes.MESSAGE_TOO_BIG, close.closeCode(), close.toString());
            // inflating all 64 MiB would take longer; stopping at the limit takes milliseconds
            assertTrue(System.nanoTime() - started < 5_000_000_000L, "closed within 5 s");
        }
        assertOtherConnectionsUnaffected();
    }

    @Test
    void aBroadcastIsCompressedOnceForAllRecipientsWithoutContextAndByEachRecipientThatKeepsOne() throws IOException {
        String noContext = "permessage-deflate; server_no_context_takeover";
        try (DeflateClient sender = DeflateClient.connect(server.port(), "/broadcast", noContext);
             DeflateClient sharing = DeflateClient.connect(server.port(), "/broadcast", noContext);
             DeflateClient keeping = DeflateClient.connect(server.port(), "/broadcast", "permessage-deflate");
             DeflateClient plain = DeflateClient.connect(server.port(), "/broadcast", null)) {
            awaitSessions(4);
            for (int i = 0; i < 5; i++) {
                byte[] message = Corpus.JSON.message(i, 2000);
                sender.sendCompressed(RawWebSocketClient.TEXT, message, Integer.MAX_VALUE);
                DeflateClient.Message toSender = sender.receive();
                DeflateClient.Message toSharing = sharing.receive();
                DeflateClient.Message toKeeping = keeping.receive();
                DeflateClient.Message toPlain = plain.receive();
                for (DeflateClient.Message received : new DeflateClient.Message[] {toSender, toSharing, toKeeping, toPlain}) {
                    assertArrayEquals(message, received.data());
                }
                assertTrue(toSender.compressed() && toSharing.compressed() && toKeeping.compressed());
                assertArrayEquals(toSender.wire(), toSharing.wire(), "the same compressed frame");
                assertFalse(toPlain.compressed());
            }
        }
    }

    private static void awaitSessions(int count) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (server.sessions("/broadcast").count() < count && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(count, server.sessions("/broadcast").count());
    }

    private static void assertOtherConnectionsUnaffected() throws IOException {
        try (DeflateClient other = DeflateClient.connect(server.port(), "/echo", "permessage-deflate")) {
            byte[] message = Corpus.JSON.message(7, 5000);
            other.sendCompressed(RawWebSocketClient.TEXT, message, 1000);
            assertArrayEquals(message, other.receive().data());
        }
    }

    private static void closeCleanly(DeflateClient client) throws IOException {
        client.raw().sendClose(CloseCodes.NORMAL_CLOSURE, "");
        assertEquals(CloseCodes.NORMAL_CLOSURE, client.raw().readClose().closeCode());
    }
}
