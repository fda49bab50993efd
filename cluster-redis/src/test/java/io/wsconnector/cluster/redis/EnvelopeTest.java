package io.wsconnector.cluster.redis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.wsconnector.runtime.cluster.ClusterMessage;
import io.wsconnector.runtime.cluster.MessageKind;
import io.wsconnector.runtime.cluster.Target;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvelopeTest {
    private static final Target.Room ROOM = new Target.Room("/chat/{room}", "lobby");

    @Test
    void aRoomBroadcastTravelsWithItsOriginSequenceAndExcludedSessionButNotItsTarget() {
        byte[] payload = "hello".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new Envelope("node1", 42, new ClusterMessage(ROOM, MessageKind.TEXT, payload, "node1-7")).encode();

        assertEquals(1 + 1 + 1 + 5 + 1 + 1 + 7 + payload.length, bytes.length); // sequence 42: one varint byte
        Envelope read = Envelope.decode(bytes, ROOM);
        assertEquals("node1", read.origin());
        assertEquals(42, read.sequence());
        assertEquals(ROOM, read.message().target());
        assertEquals(MessageKind.TEXT, read.message().kind());
        assertEquals("node1-7", read.message().excludedSessionId());
        assertArrayEquals(payload, read.message().payload());
    }

    @Test
    void aMessageToOneSessionNamesItsEndpointAndId() {
        Target.Session session = new Target.Session("/chat/{room}", "b2-1f");
        byte[] payload = {0, 1, 2, (byte) 255};
        byte[] bytes = new Envelope("a1", 1, new ClusterMessage(session, MessageKind.BINARY, payload, null)).encode();

        Envelope read = Envelope.decode(bytes, null);
        assertEquals(session, read.message().target());
        assertEquals(MessageKind.BINARY, read.message().kind());
        assertNull(read.message().excludedSessionId());
        assertArrayEquals(payload, read.message().payload());
    }

    @Test
    void aNodeKnowsItsOwnMessagesWithoutDecodingThem() {
        byte[] bytes = new Envelope("node1", 3, new ClusterMessage(ROOM, MessageKind.TEXT, new byte[] {'x'}, null))
                .encode();

        assertTrue(Envelope.isFrom(bytes, ascii("node1")));
        assertFalse(Envelope.isFrom(bytes, ascii("node")));
        assertFalse(Envelope.isFrom(bytes, ascii("node2")));
        assertFalse(Envelope.isFrom(new byte[] {1, 0}, ascii("node1"))); // too short: not this node's
        assertFalse(Envelope.isFrom(new byte[] {9, 0, 5, 'n', 'o', 'd', 'e', '1'}, ascii("node1"))); // other version
        assertFalse(Envelope.isFrom(new byte[] {1, 0, 5, 'n', 'o', 'd', 'e', '1', 0, 0, 0, 0, 0, 0, 0, 3},
                ascii("node1"))); // version 1, whose fixed-width sequence this version would misread
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void bytesThatAreNotAClusterMessageAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Envelope.decode(new byte[] {9, 0, 0}, ROOM));
        assertThrows(IllegalArgumentException.class, () -> Envelope.decode(new byte[] {2, 0, 40, 1}, ROOM));
        assertThrows(IllegalArgumentException.class, () -> Envelope.decode(new byte[] {2}, ROOM));
        // a sequence whose last byte is missing, and one longer than any long
        assertThrows(IllegalArgumentException.class, () -> Envelope.decode(new byte[] {2, 0, 1, 'a', (byte) 0x81}, ROOM));
        byte[] endless = new byte[16];
        endless[0] = 2;
        endless[2] = 1;
        endless[3] = 'a';
        Arrays.fill(endless, 4, 16, (byte) 0xFF);
        assertThrows(IllegalArgumentException.class, () -> Envelope.decode(endless, ROOM));
        // an excluded session id longer than what is left
        assertThrows(IllegalArgumentException.class, () -> Envelope.decode(new byte[] {2, 2, 1, 'a', 1, 9, 'x'}, ROOM));
        // a version 1 message: its 8-byte sequence would read as another number, so it is refused
        assertThrows(IllegalArgumentException.class,
                () -> Envelope.decode(new byte[] {1, 0, 1, 'a', 0, 0, 0, 0, 0, 0, 0, 3, 'x'}, ROOM));
    }

    @Test
    void sequenceNumbersTakeAsFewBytesAsTheyNeedAndReadBackExactly() {
        long[] numbers = {1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152, 1L << 35, Long.MAX_VALUE, -1};
        int[] lengths = {1, 1, 2, 2, 3, 3, 4, 6, 9, 10};
        byte[] payload = {'p'};
        for (int i = 0; i < numbers.length; i++) {
            byte[] bytes = new Envelope("n", numbers[i], new ClusterMessage(ROOM, MessageKind.TEXT, payload, null))
                    .encode();
            assertEquals(1 + 1 + 1 + 1 + lengths[i] + payload.length, bytes.length, "length for " + numbers[i]);
            Envelope read = Envelope.decode(bytes, ROOM);
            assertEquals(numbers[i], read.sequence());
            assertEquals("n", read.origin());
            assertArrayEquals(payload, read.message().payload());
        }
    }
}
