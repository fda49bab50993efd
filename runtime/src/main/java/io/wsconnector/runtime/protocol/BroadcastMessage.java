package io.wsconnector.runtime.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

import io.wsconnector.runtime.deflate.MessageDeflater;

/**
 * One message broadcast to many sessions, encoded once per way of sending it: once uncompressed, and
 * once per {@linkplain MessageDeflater#isShared() shared} deflater among the recipients, whose compression
 * does not depend on what a session sent before (there are at most two per compression setting). Only
 * recipients that keep a compression context compress it themselves, each in its own order.
 *
 * <p>Used by the thread that broadcasts, during the broadcast: not thread-safe.
 */
final class BroadcastMessage {
    private static final MessageDeflater[] NO_DEFLATERS = new MessageDeflater[0];

    private final Opcode opcode;
    private final byte[] payload;
    private byte[] uncompressed;
    /** The shared deflaters met so far, and the frame each compressed the message to, at the same index. */
    private MessageDeflater[] deflaters = NO_DEFLATERS;
    private byte[][] compressed;

    private BroadcastMessage(Opcode opcode, byte[] payload) {
        this.opcode = opcode;
        this.payload = payload;
    }

    /** A message of these bytes, e.g. from another node of a cluster; the array is read during the broadcast only. */
    static BroadcastMessage of(Opcode opcode, byte[] payload) {
        return new BroadcastMessage(opcode, Objects.requireNonNull(payload, "payload"));
    }

    static BroadcastMessage text(String text) {
        return new BroadcastMessage(Opcode.TEXT, Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8));
    }

    /** A binary message; the array is read during the broadcast only. */
    static BroadcastMessage binary(byte[] data) {
        return new BroadcastMessage(Opcode.BINARY, Objects.requireNonNull(data, "data"));
    }

    /** The remaining bytes of {@code data} as a binary message; its position does not change. */
    static BroadcastMessage binary(ByteBuffer data) {
        ByteBuffer bytes = Objects.requireNonNull(data, "data").duplicate();
        byte[] payload = new byte[bytes.remaining()];
        bytes.get(payload);
        return new BroadcastMessage(Opcode.BINARY, payload);
    }

    Opcode opcode() {
        return opcode;
    }

    byte[] payload() {
        return payload;
    }

    /**
     * The frame for a recipient.
     *
     * @param deflater the recipient's deflater, which must be shared; {@code null} without permessage-deflate
     * @return the encoded frame, the same array for every recipient with the same deflater
     */
    byte[] frame(MessageDeflater deflater) {
        if (deflater == null) {
            return uncompressed();
        }
        for (int i = 0; i < deflaters.length; i++) {
            if (deflaters[i] == deflater) {
                return compressed[i];
            }
        }
        byte[] bytes = deflater.compress(payload, 0, payload.length);
        byte[] frame = bytes == null ? uncompressed() : Frames.encode(opcode, true, bytes, 0, bytes.length);
        int n = deflaters.length;
        deflaters = Arrays.copyOf(deflaters, n + 1);
        compressed = compressed == null ? new byte[1][] : Arrays.copyOf(compressed, n + 1);
        deflaters[n] = deflater;
        compressed[n] = frame;
        return frame;
    }

    private byte[] uncompressed() {
        if (uncompressed == null) {
            uncompressed = Frames.encode(opcode, payload, 0, payload.length);
        }
        return uncompressed;
    }
}
