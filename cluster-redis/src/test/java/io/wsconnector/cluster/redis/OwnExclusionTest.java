package io.wsconnector.cluster.redis;

import io.wsconnector.runtime.cluster.ClusterMessage;
import io.wsconnector.runtime.cluster.MessageKind;
import io.wsconnector.runtime.cluster.Target;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class OwnExclusionTest {
    private static final Target.Endpoint CHAT = new Target.Endpoint("/chat");
    private static final byte[] PAYLOAD = {'h', 'i'};

    @Test
    void theSendersOwnSessionIsNotPublishedNoOtherNodeCanHaveIt() {
        ClusterMessage stripped = RedisNode.withoutExclusionOf("nodeA-", message("nodeA-1f"));

        assertNull(stripped.excludedSessionId());
        assertEquals(CHAT, stripped.target());
        assertEquals(MessageKind.TEXT, stripped.kind());
        assertArrayEquals(PAYLOAD, stripped.payload());
    }

    @Test
    void anotherNodesSessionStaysExcludedEvenWhenItsIdLooksAlike() {
        for (String other : new String[] {"nodeB-1f", "nodeA1-1f", "nodeAB-2", "xnodeA-1", "nodeA-x-1"}) {
            ClusterMessage message = message(other);
            assertSame(message, RedisNode.withoutExclusionOf("nodeA-", message), other);
        }
        ClusterMessage nobody = message(null);
        assertSame(nobody, RedisNode.withoutExclusionOf("nodeA-", nobody));
    }

    private static ClusterMessage message(String excluded) {
        return new ClusterMessage(CHAT, MessageKind.TEXT, PAYLOAD, excluded);
    }
}
