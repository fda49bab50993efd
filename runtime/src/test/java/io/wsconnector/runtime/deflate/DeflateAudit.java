package io.wsconnector.runtime.deflate;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * A DEFLATE decoder for tests (RFC 1951, after zlib's contrib/puff) that also reports how far back its
 * back-references reach: neither the JDK's inflater (always a 32 KiB window) nor JZlib's (which does not
 * check) can tell whether a compressor kept to a smaller window, or to no context at all.
 *
 * <p>Decodes one message's payload with the {@code 00 00 ff ff} tail appended (RFC 7692, section 7.2.2),
 * after the history of what the same stream inflated before (empty without context takeover).
 */
public final class DeflateAudit {
    private static final short[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51,
            59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final short[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4,
            4, 5, 5, 5, 5, 0};
    private static final short[] DISTANCE_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385,
            513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    private static final short[] DISTANCE_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10,
            10, 11, 11, 12, 12, 13, 13};
    private static final int[] CODE_LENGTH_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

    /** What one message decoded to. */
    public record Result(byte[] message, int longestDistance) {
    }

    private final byte[] input;
    private int position;
    private int bitBuffer;
    private int bitCount;
    private byte[] output;
    private int outputLength;
    private final int messageStart;
    private int longestDistance;

    private DeflateAudit(byte[] history, byte[] payload) {
        this.input = Arrays.copyOf(payload, payload.length + 4);
        input[payload.length + 2] = (byte) 0xFF;
        input[payload.length + 3] = (byte) 0xFF;
        this.output = Arrays.copyOf(history, Math.max(64, history.length * 2));
        this.outputLength = history.length;
        this.messageStart = history.length;
    }

    /**
     * Decodes a message.
     *
     * @param history what the stream inflated before, at most the distances it may refer to
     * @param payload the message's payload, without the tail
     * @throws IllegalStateException if the data is not valid DEFLATE, or refers to before the history
     */
    public static Result decode(byte[] history, byte[] payload) {
        DeflateAudit audit = new DeflateAudit(history, payload);
        audit.blocks();
        return new Result(Arrays.copyOfRange(audit.output, audit.messageStart, audit.outputLength), audit.longestDistance);
    }

    private void blocks() {
        boolean last = false;
        while (!last && (position < input.length || bitCount >= 3)) {
            last = bits(1) == 1;
            switch (bits(2)) {
                case 0 -> stored();
                case 1 -> codes(Huffman.FIXED_LITERALS, Huffman.FIXED_DISTANCES);
                case 2 -> dynamic();
                default -> throw new IllegalStateException("invalid block type");
            }
        }
        if (position != input.length) {
            throw new IllegalStateException((input.length - position) + " bytes after the last block");
        }
    }

    private int bits(int need) {
        long value = bitBuffer;
        while (bitCount < need) {
            if (position == input.length) {
                throw new IllegalStateException("the data ends inside a block");
            }
            value |= (long) (input[position++] & 0xFF) << bitCount;
            bitCount += 8;
        }
        bitBuffer = (int) (value >>> need);
        bitCount -= need;
        return (int) (value & ((1L << need) - 1));
    }

    private void stored() {
        bitBuffer = 0;
        bitCount = 0;
        if (position + 4 > input.length) {
            throw new IllegalStateException("the data ends inside a stored block's header");
        }
        int length = (input[position] & 0xFF) | (input[position + 1] & 0xFF) << 8;
        int complement = (input[position + 2] & 0xFF) | (input[position + 3] & 0xFF) << 8;
        position += 4;
        if (length != (~complement & 0xFFFF)) {
            throw new IllegalStateException("stored block length does not match its complement");
        }
        if (position + length > input.length) {
            throw new IllegalStateException("the data ends inside a stored block");
        }
        for (int i = 0; i < length; i++) {
            put(input[position++]);
        }
    }

    private void dynamic() {
        int literalCount = bits(5) + 257;
        int distanceCount = bits(5) + 1;
        int codeLengthCount = bits(4) + 4;
        short[] lengths = new short[19];
        for (int i = 0; i < codeLengthCount; i++) {
            lengths[CODE_LENGTH_ORDER[i]] = (short) bits(3);
        }
        Huffman codeLengths = new Huffman(lengths, 19);
        short[] all = new short[literalCount + distanceCount];
        for (int i = 0; i < all.length; ) {
            int symbol = codeLengths.decode(this);
            if (symbol < 16) {
                all[i++] = (short) symbol;
                continue;
            }
            short repeated = 0;
            int times;
            if (symbol == 16) {
                if (i == 0) {
                    throw new IllegalStateException("repeat with no previous length");
                }
                repeated = all[i - 1];
                times = 3 + bits(2);
            } else if (symbol == 17) {
                times = 3 + bits(3);
            } else {
                times = 11 + bits(7);
            }
            if (i + times > all.length) {
                throw new IllegalStateException("too many code lengths");
            }
            while (times-- > 0) {
                all[i++] = repeated;
            }
        }
        codes(new Huffman(Arrays.copyOfRange(all, 0, literalCount), literalCount),
                new Huffman(Arrays.copyOfRange(all, literalCount, all.length), distanceCount));
    }

    private void codes(Huffman literals, Huffman distances) {
        while (true) {
            int symbol = literals.decode(this);
            if (symbol < 256) {
                put((byte) symbol);
            } else if (symbol == 256) {
                return;
            } else {
                symbol -= 257;
                if (symbol >= 29) {
                    throw new IllegalStateException("invalid length symbol");
                }
                int length = LENGTH_BASE[symbol] + bits(LENGTH_EXTRA[symbol]);
                int distanceSymbol = distances.decode(this);
                if (distanceSymbol >= 30) {
                    throw new IllegalStateException("invalid distance symbol");
                }
                int distance = DISTANCE_BASE[distanceSymbol] + bits(DISTANCE_EXTRA[distanceSymbol]);
                if (distance > outputLength) {
                    throw new IllegalStateException("distance " + distance + " reaches before the history");
                }
                longestDistance = Math.max(longestDistance, distance);
                for (int i = 0; i < length; i++) {
                    put(output[outputLength - distance]);
                }
            }
        }
    }

    private void put(byte value) {
        if (outputLength == output.length) {
            output = Arrays.copyOf(output, output.length * 2);
        }
        output[outputLength++] = value;
    }

    /** A canonical Huffman code, decoded a bit at a time (puff's {@code construct} and {@code decode}). */
    private static final class Huffman {
        static final Huffman FIXED_LITERALS;
        static final Huffman FIXED_DISTANCES;

        static {
            short[] lengths = new short[288];
            Arrays.fill(lengths, 0, 144, (short) 8);
            Arrays.fill(lengths, 144, 256, (short) 9);
            Arrays.fill(lengths, 256, 280, (short) 7);
            Arrays.fill(lengths, 280, 288, (short) 8);
            FIXED_LITERALS = new Huffman(lengths, 288);
            short[] distances = new short[30];
            Arrays.fill(distances, (short) 5);
            FIXED_DISTANCES = new Huffman(distances, 30);
        }

        private final short[] count = new short[16];
        private final short[] symbol;

        Huffman(short[] lengths, int n) {
            symbol = new short[n];
            for (int i = 0; i < n; i++) {
                count[lengths[i]]++;
            }
            short[] offsets = new short[16];
            for (int length = 1; length < 15; length++) {
                offsets[length + 1] = (short) (offsets[length] + count[length]);
            }
            for (short i = 0; i < n; i++) {
                if (lengths[i] != 0) {
                    symbol[offsets[lengths[i]]++] = i;
                }
            }
        }

        int decode(DeflateAudit in) {
            int code = 0;
            int first = 0;
            int index = 0;
            for (int length = 1; length <= 15; length++) {
                code |= in.bits(1);
                int c = count[length];
                if (code - c < first) {
                    return symbol[index + (code - first)];
                }
                index += c;
                first += c;
                first <<= 1;
                code <<= 1;
            }
            throw new IllegalStateException("invalid Huffman code");
        }
    }

    /** The last 32 KiB a stream with context takeover inflated: as far back as DEFLATE may refer. */
    public static final class History {
        private static final int WINDOW = 32 * 1024;
        private byte[] bytes = new byte[0];

        public byte[] bytes() {
            return bytes;
        }

        public void add(byte[] message) {
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            joined.writeBytes(bytes);
            joined.writeBytes(message);
            byte[] all = joined.toByteArray();
            bytes = Arrays.copyOfRange(all, Math.max(0, all.length - WINDOW), all.length);
        }
    }
}
