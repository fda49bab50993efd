package io.wsconnector.tests.messages;

import java.nio.ByteBuffer;

import io.wsconnector.annotations.OnBinaryMessage;
import io.wsconnector.annotations.WebSocketUpgradePath;
import io.wsconnector.runtime.WebSocketSession;

/**
 * Takes binary messages as {@code ByteBuffer} and returns a {@code ByteBuffer}: {@code "ok:"} and the message,
 * in a buffer whose position skips {@value #SKIPPED} bytes of junk and whose limit leaves junk after it: only
 * the remaining bytes must be sent.
 */
@WebSocketUpgradePath("/buffers")
public class BufferEndpoint {
    static final int SKIPPED = 5;

    @OnBinaryMessage
    ByteBuffer binary(WebSocketSession session, ByteBuffer message) {
        return BufferReplies.okWithJunkAround(message);
    }
}
