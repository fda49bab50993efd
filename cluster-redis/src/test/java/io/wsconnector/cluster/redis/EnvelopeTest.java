package io.wsconnector.cluster.redis;

import java.nio.charset.StandardCharsets;

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

        assertEquals(1 + 1 + 1 + 5 + 8 + 1 + 7 + payload.length, bytes.length);
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
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void bytesThatAreNotAClusterMessageAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Envelope.decode(new byte[] {9, 0, 0}, ROOM));
        assertThrows(IllegalArgumentException.class, () -> Envelope.decode(new byte[] {1, 0, 40, 1}, ROOM));
    }
}
