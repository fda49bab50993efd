package io.wsconnector.cluster.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.wsconnector.runtime.cluster.ClusterMessage;
import io.wsconnector.runtime.cluster.MessageKind;
import io.wsconnector.runtime.cluster.Target;

/**
 * One message on a Redis channel, as bytes: the header other nodes need, then the WebSocket payload.
 *
 * <pre>
 * version      1 byte, {@value #VERSION}
 * flags        1 byte: bit 0 binary (else text), bit 1 an excluded session follows, bit 2 a session target follows
 * origin       1 byte length, then the origin node's id (ASCII)
 * sequence     8 bytes, big-endian: this origin's count of messages on this channel, from 1
 * [excluded]   1 byte length, then the excluded session's id (UTF-8)
 * [session]    2 bytes length, then the endpoint's path (UTF-8); 1 byte length, then the session id (UTF-8)
 * payload      the rest
 * </pre>
 *
 * <p>An endpoint or room message does not name its target: its channel does ({@link Channels}). A message
 * to one session travels on its node's channel, so it names the session.
 *
 * @param origin   the id of the node that published it
 * @param sequence the origin's sequence number on the channel
 * @param message  what it carries
 */
record Envelope(String origin, long sequence, ClusterMessage message) {
    static final int VERSION = 1;
    private static final int BINARY = 1;
    private static final int EXCLUDED = 2;
    private static final int SESSION = 4;

    /** The bytes published to Redis. */
    byte[] encode() {
        byte[] origin = ascii(this.origin);
        byte[] excluded = message.excludedSessionId() == null ? null : utf8(message.excludedSessionId(), 255);
        byte[] path = null;
        byte[] session = null;
        if (message.target() instanceof Target.Session target) {
            path = utf8(target.path(), 65535);
            session = utf8(target.sessionId(), 255);
        }
        byte[] payload = message.payload();
        int length = 2 + 1 + origin.length + 8 + (excluded == null ? 0 : 1 + excluded.length)
                + (path == null ? 0 : 2 + path.length + 1 + session.length) + payload.length;
        ByteBuffer out = ByteBuffer.allocate(length);
        int flags = (message.kind() == MessageKind.BINARY ? BINARY : 0) | (excluded == null ? 0 : EXCLUDED)
                | (path == null ? 0 : SESSION);
        out.put((byte) VERSION).put((byte) flags).put((byte) origin.length).put(origin).putLong(sequence);
        if (excluded != null) {
            out.put((byte) excluded.length).put(excluded);
        }
        if (path != null) {
            out.putShort((short) path.length).put(path).put((byte) session.length).put(session);
        }
        return out.put(payload).array();
    }

    /**
     * Reads a message published by {@link #encode}.
     *
     * @param bytes  the message
     * @param target where its channel says it goes; ignored when the message names a session
     * @throws IllegalArgumentException if the bytes are not such a message
     */
    static Envelope decode(byte[] bytes, Target target) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            int version = in.get();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown version " + version);
            }
            int flags = in.get();
            String origin = new String(take(in, in.get() & 0xFF), StandardCharsets.US_ASCII);
            long sequence = in.getLong();
            String excluded = (flags & EXCLUDED) == 0 ? null : string(take(in, in.get() & 0xFF));
            if ((flags & SESSION) != 0) {
                String path = string(take(in, in.getShort() & 0xFFFF));
                target = new Target.Session(path, string(take(in, in.get() & 0xFF)));
            }
            MessageKind kind = (flags & BINARY) != 0 ? MessageKind.BINARY : MessageKind.TEXT;
            return new Envelope(origin, sequence, new ClusterMessage(target, kind, take(in, in.remaining()), excluded));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not a wsconnector cluster message: " + e.getMessage(), e);
        }
    }

    /**
     * Whether the bytes are a message of this version from that origin, read without decoding the rest: a node
     * hears its own broadcasts back from Redis, and drops them.
     *
     * @param bytes  a message, possibly malformed
     * @param origin a node id in ASCII
     */
    static boolean isFrom(byte[] bytes, byte[] origin) {
        return bytes.length >= 3 + origin.length && bytes[0] == VERSION && (bytes[2] & 0xFF) == origin.length
                && Arrays.equals(bytes, 3, 3 + origin.length, origin, 0, origin.length);
    }

    private static byte[] take(ByteBuffer in, int length) {
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private static String string(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static byte[] ascii(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > 255) {
            throw new IllegalArgumentException("longer than 255 bytes: " + value);
        }
        return bytes;
    }

    private static byte[] utf8(String value, int limit) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > limit) {
            throw new IllegalArgumentException("longer than " + limit + " bytes in UTF-8: " + value);
        }
        return bytes;
    }
}
