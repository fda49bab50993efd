package io.wsconnector.runtime.deflate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.Deflater;

import com.jcraft.jzlib.JZlib;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the server receives (RFC 7692, section 7.2.2), from clients compressing as zlib does. */
class MessageInflaterTest {

    @ParameterizedTest(name = "frames of {0} bytes")
    @ValueSource(ints = {256, 1024, 4096, 32768, Integer.MAX_VALUE})
    void inflatesAThousandMessagesFromAClientKeepingItsContextWhateverTheFraming(int frameSize) throws Exception {
        MessageInflater inflater = extension(false).negotiate(List.of("permessage-deflate")).newInflater();
        Deflater client = new Deflater(6, true);
        for (int i = 0; i < 1000; i++) {
            byte[] message = Corpus.JSON.message(i, i % 10 == 0 ? 16384 : 300);
            assertArrayEquals(message, receive(inflater, syncFlushed(client, message), frameSize), "message " + i);
        }
        assertTrue(inflater.holdsInflater(), "the client's context is kept between messages");
        inflater.release();
        assertFalse(inflater.holdsInflater());
        client.end();
    }

    @Test
    void withoutClientContextAnInflaterIsBorrowedOnlyWhileAMessageArrives() {
        MessageInflater inflater = extension(true).negotiate(List.of("permessage-deflate")).newInflater();
        assertFalse(inflater.holdsInflater());
        Deflater client = new Deflater(6, true);
        for (int i = 0; i < 200; i++) {
            client.reset(); // the client keeps no context either
            byte[] message = Corpus.HTML.message(i, 2048);
            byte[] payload = syncFlushed(client, message);
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            inflater.inflate(payload, 0, payload.length / 2, received::write);
            assertTrue(inflater.holdsInflater(), "held from the first frame to the last");
            inflater.inflate(payload, payload.length / 2, payload.length - payload.length / 2, received::write);
            inflater.endMessage(received::write);
            assertFalse(inflater.holdsInflater(), "given back after the message");
            assertArrayEquals(message, received.toByteArray());
        }
        client.end();
    }

    @Test
    void inflatesClientsCompressingWithTheSmallestWindow() throws Exception {
        MessageInflater inflater = extension(false).negotiate(List.of("permessage-deflate; client_max_window_bits"))
                .newInflater();
        com.jcraft.jzlib.Deflater client = new com.jcraft.jzlib.Deflater(9, 9, 8, JZlib.W_NONE);
        for (int i = 0; i < 100; i++) {
            byte[] message = Corpus.GERMAN.message(i, 5000);
            byte[] out = new byte[message.length + 1024];
            client.setInput(message, 0, message.length, false);
            client.setOutput(out, 0, out.length);
            assertEquals(JZlib.Z_OK, client.deflate(JZlib.Z_SYNC_FLUSH));
            byte[] payload = Arrays.copyOf(out, client.getNextOutIndex() - 4);
            assertArrayEquals(message, receive(inflater, payload, 1000));
        }
    }

    @Test
    void inflatesTheExamplesOfRfc7692() {
        MessageInflater inflater = extension(false).negotiate(List.of("permessage-deflate")).newInflater();
        // 7.2.3.1 and 7.2.3.2: "Hello" twice, the second referring to the first through the shared window
        assertEquals("Hello", text(receive(inflater, hex("f248cdc9c90700"), 3)));
        assertEquals("Hello", text(receive(inflater, hex("f200110000"), 3)));
        // 7.2.3.3: a block with BFINAL set, then the octet that lets the tail follow; the next message is a new stream
        assertEquals("Hello", text(receive(inflater, hex("f348cdc9c9070000"), 8)));
        assertEquals("Hello", text(receive(inflater, hex("f248cdc9c90700"), 8)));
        // 7.2.3.4: a stored block; 7.2.3.6: an empty message
        assertEquals("Hello", text(receive(inflater, hex("000500faff48656c6c6f00"), 4)));
        assertEquals("", text(receive(inflater, hex("00"), 1)));
    }

    @Test
    void anEmptyCompressedPayloadIsAnEmptyMessageAndLeavesTheContextAlone() {
        MessageInflater inflater = extension(false).negotiate(List.of("permessage-deflate")).newInflater();
        Deflater client = new Deflater(6, true);
        byte[] first = Corpus.JSON.message(0, 500);
        assertArrayEquals(first, receive(inflater, syncFlushed(client, first), 100));
        assertEquals(0, receive(inflater, new byte[0], 100).length);
        byte[] second = Corpus.JSON.message(1, 500);
        assertArrayEquals(second, receive(inflater, syncFlushed(client, second), 100));
    }

    @Test
    void invalidDeflateDataIsReported() {
        MessageInflater inflater = extension(true).negotiate(List.of("permessage-deflate")).newInflater();
        byte[] reservedBlockType = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        assertThrows(CompressedDataException.class, () -> receive(inflater, reservedBlockType, 100));
        inflater.release();
        // the pooled inflater was given back clean: the next connection inflates with it
        MessageInflater next = extension(true).negotiate(List.of("permessage-deflate")).newInflater();
        assertEquals("Hello", text(receive(next, hex("f248cdc9c90700"), 100)));
    }

    @Test
    void aSinkAtItsLimitStopsTheInflationWithoutInflatingTheRest() {
        MessageInflater inflater = extension(true).negotiate(List.of("permessage-deflate")).newInflater();
        byte[] bomb = syncFlushed(new Deflater(9, true), new byte[16 * 1024 * 1024]); // 16 MiB of zeros in ~16 KiB
        int limit = 1024 * 1024;
        long[] received = {0};
        InflateSink limited = (bytes, offset, length) -> {
            received[0] += length;
            if (received[0] > limit) {
                throw new IllegalStateException("over the limit");
            }
        };
        assertTrue(bomb.length < 20 * 1024, "compressed to " + bomb.length);
        assertThrows(IllegalStateException.class, () -> inflater.inflate(bomb, 0, bomb.length, limited));
        assertTrue(received[0] <= limit + MessageInflater.CHUNK, "inflated " + received[0]);
        inflater.release();
        assertFalse(inflater.holdsInflater());
    }

    /** Receives one compressed message in frames of {@code frameSize} bytes. */
    private static byte[] receive(MessageInflater inflater, byte[] payload, int frameSize) {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        for (int at = 0; at < payload.length; at += frameSize) {
            inflater.inflate(payload, at, Math.min(frameSize, payload.length - at), received::write);
        }
        inflater.endMessage(received::write);
        return received.toByteArray();
    }

    /** Compresses as a client does: sync flush, the tail removed. */
    static byte[] syncFlushed(Deflater deflater, byte[] message) {
        deflater.setInput(message);
        byte[] out = new byte[message.length + 1024];
        int length = 0;
        do {
            if (length == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            length += deflater.deflate(out, length, out.length - length, Deflater.SYNC_FLUSH);
        } while (length == out.length);
        return Arrays.copyOf(out, length - 4);
    }

    private static DeflateExtension extension(boolean clientNoContextTakeover) {
        return new DeflateExtension(new DeflateSettings(false, clientNoContextTakeover, 15, 6, 0));
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
