package io.wsconnector.tests.messages;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The replies of {@link BufferEndpoint} and {@link AsyncBufferEndpoint}. */
final class BufferReplies {
    static final byte JUNK = (byte) 0xEE;

    private BufferReplies() {
    }

    /**
     * {@code "ok:"} followed by the message's remaining bytes, as the remaining bytes of a larger buffer with
     * {@link BufferEndpoint#SKIPPED} junk bytes before them and as many after.
     */
    static ByteBuffer okWithJunkAround(ByteBuffer message) {
        byte[] ok = "ok:".getBytes(StandardCharsets.US_ASCII);
        int length = ok.length + message.remaining();
        ByteBuffer buffer = ByteBuffer.allocate(BufferEndpoint.SKIPPED + length + BufferEndpoint.SKIPPED);
        for (int i = 0; i < buffer.capacity(); i++) {
            buffer.put(i, JUNK);
        }
        buffer.position(BufferEndpoint.SKIPPED);
        buffer.put(ok).put(message);
        buffer.position(BufferEndpoint.SKIPPED).limit(BufferEndpoint.SKIPPED + length);
        return buffer;
    }
}
