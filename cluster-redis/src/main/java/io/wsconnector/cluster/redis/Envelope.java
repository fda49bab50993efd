package io.wsconnector.cluster.redis;

import java.nio.charset.Charset;
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
 * sequence     this origin's count of messages on this channel, from 1, as an unsigned LEB128 varint: 7 bits
 *              a byte, low bits first, the high bit set on every byte but the last (1 byte up to 127, 2 up to
 *              16,383, 3 up to 2,097,151)
 * [excluded]   1 byte length, then the excluded session's id (UTF-8)
 * [session]    2 bytes length (big-endian), then the endpoint's path (UTF-8); 1 byte length, then the session id
 * payload      the rest
 * </pre>
 *
 * <p>An endpoint or room message does not name its target: its channel does ({@link Channels}). A message
 * to one session travels on its node's channel, so it names the session. The sequence is a varint because
 * the header is paid on every message, three times over on the way out of Redis with three subscribers,
 * and counts stay small. Read and written on plain arrays: this runs once per message on the sending and
 * on every receiving node.
 *
 * @param origin   the id of the node that published it
 * @param sequence the origin's sequence number on the channel
 * @param message  what it carries
 */
record Envelope(String origin, long sequence, ClusterMessage message) {
    /** 2 since the varint sequence; a node of version 1 counts these as malformed, and the other way round. */
    static final int VERSION = 2;
    private static final int BINARY = 1;
    private static final int EXCLUDED = 2;
    private static final int SESSION = 4;
    /** The most bytes a varint of a {@code long} takes. */
    private static final int MAX_VARINT = 10;

    /** The bytes published to Redis. */
    byte[] encode() {
        return encode(ascii(origin), sequence, message);
    }

    /**
     * The bytes published to Redis.
     *
     * @param origin   the origin node's id in ASCII, at most 255 bytes
     * @param sequence the sequence number, from 1
     * @param message  the message
     */
    static byte[] encode(byte[] origin, long sequence, ClusterMessage message) {
        byte[] excluded = message.excludedSessionId() == null ? null : utf8(message.excludedSessionId(), 255);
        byte[] path = null;
        byte[] session = null;
        if (message.target() instanceof Target.Session target) {
            path = utf8(target.path(), 65535);
            session = utf8(target.sessionId(), 255);
        }
        byte[] payload = message.payload();
        int header = 3 + origin.length + varintLength(sequence) + (excluded == null ? 0 : 1 + excluded.length)
                + (path == null ? 0 : 2 + path.length + 1 + session.length);
        byte[] out = new byte[header + payload.length];
        out[0] = (byte) VERSION;
        out[1] = (byte) ((message.kind() == MessageKind.BINARY ? BINARY : 0) | (excluded == null ? 0 : EXCLUDED)
                | (path == null ? 0 : SESSION));
        out[2] = (byte) origin.length;
        int at = put(out, 3, origin);
        for (long rest = sequence; ; rest >>>= 7) {
            if ((rest & ~0x7FL) == 0) {
                out[at++] = (byte) rest;
                break;
            }
            out[at++] = (byte) ((rest & 0x7F) | 0x80);
        }
        if (excluded != null) {
            out[at++] = (byte) excluded.length;
            at = put(out, at, excluded);
        }
        if (path != null) {
            out[at++] = (byte) (path.length >>> 8);
            out[at++] = (byte) path.length;
            at = put(out, at, path);
            out[at++] = (byte) session.length;
            at = put(out, at, session);
        }
        System.arraycopy(payload, 0, out, at, payload.length);
        return out;
    }

    /**
     * Reads a message published by {@link #encode}.
     *
     * @param bytes  the message
     * @param target where its channel says it goes; ignored when the message names a session
     * @throws IllegalArgumentException if the bytes are not such a message
     */
    static Envelope decode(byte[] bytes, Target target) {
        if (bytes.length < 3) {
            throw malformed("only " + bytes.length + " bytes");
        }
        if (bytes[0] != VERSION) {
            throw malformed("unknown version " + bytes[0]);
        }
        int flags = bytes[1];
        int at = 3;
        String origin = string(bytes, at, bytes[2] & 0xFF, StandardCharsets.US_ASCII);
        at += bytes[2] & 0xFF;
        long sequence = 0;
        for (int shift = 0; ; shift += 7) {
            if (shift == 7 * MAX_VARINT || at >= bytes.length) {
                throw malformed("the sequence number does not end");
            }
            byte b = bytes[at++];
            sequence |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                break;
            }
        }
        String excluded = null;
        if ((flags & EXCLUDED) != 0) {
            int length = unsigned(bytes, at++);
            excluded = string(bytes, at, length, StandardCharsets.UTF_8);
            at += length;
        }
        if ((flags & SESSION) != 0) {
            int length = unsigned(bytes, at) << 8 | unsigned(bytes, at + 1);
            at += 2;
            String path = string(bytes, at, length, StandardCharsets.UTF_8);
            at += length;
            length = unsigned(bytes, at++);
            target = new Target.Session(path, string(bytes, at, length, StandardCharsets.UTF_8));
            at += length;
        }
        if (at > bytes.length) {
            throw malformed("the header runs past the end");
        }
        MessageKind kind = (flags & BINARY) != 0 ? MessageKind.BINARY : MessageKind.TEXT;
        return new Envelope(origin, sequence,
                new ClusterMessage(target, kind, Arrays.copyOfRange(bytes, at, bytes.length), excluded));
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

    /** How many bytes the varint of a sequence number takes. */
    static int varintLength(long value) {
        return value == 0 ? 1 : (63 - Long.numberOfLeadingZeros(value)) / 7 + 1;
    }

    static byte[] ascii(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > 255) {
            throw new IllegalArgumentException("longer than 255 bytes: " + value);
        }
        return bytes;
    }

    private static int put(byte[] out, int at, byte[] bytes) {
        System.arraycopy(bytes, 0, out, at, bytes.length);
        return at + bytes.length;
    }

    private static int unsigned(byte[] bytes, int at) {
        if (at >= bytes.length) {
            throw malformed("the header runs past the end");
        }
        return bytes[at] & 0xFF;
    }

    private static String string(byte[] bytes, int at, int length, Charset charset) {
        if (at + length > bytes.length) {
            throw malformed("the header runs past the end");
        }
        return new String(bytes, at, length, charset);
    }

    private static IllegalArgumentException malformed(String why) {
        return new IllegalArgumentException("Not a wsconnector cluster message: " + why);
    }

    private static byte[] utf8(String value, int limit) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > limit) {
            throw new IllegalArgumentException("longer than " + limit + " bytes in UTF-8: " + value);
        }
        return bytes;
    }
}
