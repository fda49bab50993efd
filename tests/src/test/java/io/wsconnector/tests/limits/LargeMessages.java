package io.wsconnector.tests.limits;

import java.io.IOException;

import io.wsconnector.testsupport.Frames;
import io.wsconnector.testsupport.RawWebSocketClient;

/**
 * Sends messages of many megabytes without a copy per client: the payload is masked with the key 0 (RFC
 * 6455 allows any key; with 0 the masked bytes are the bytes), so every client writes the same shared
 * array.
 */
final class LargeMessages {
    private static final byte[] ZERO_MASK = new byte[4];

    private LargeMessages() {
    }

    /**
     * Sends one binary frame of {@code length} bytes: {@code chunk} repeated, the last repetition cut short.
     *
     * @throws IOException if the connection fails while sending, e.g. because the server reset it
     */
    static void sendBinary(RawWebSocketClient client, byte[] chunk, long length) throws IOException {
        sendHeader(client, 0x80 | RawWebSocketClient.BINARY, length);
        sendPayload(client, chunk, length);
    }

    /** Sends the header of a masked frame, {@code firstByte} holding FIN, RSV and opcode, with the key 0. */
    static void sendHeader(RawWebSocketClient client, int firstByte, long length) throws IOException {
        client.writeRaw(Frames.header(firstByte, true, length));
        client.writeRaw(ZERO_MASK);
    }

    /** Sends {@code length} payload bytes of a frame whose header went with the key 0: {@code chunk} repeated. */
    static void sendPayload(RawWebSocketClient client, byte[] chunk, long length) throws IOException {
        long left = length;
        while (left > 0) {
            int count = (int) Math.min(chunk.length, left);
            client.socket().getOutputStream().write(chunk, 0, count);
            left -= count;
        }
        client.socket().getOutputStream().flush();
    }
}
