package io.wsconnector.runtime.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.wsconnector.runtime.CloseCodes;
import io.wsconnector.runtime.deflate.CompressedDataException;
import io.wsconnector.runtime.deflate.InflateSink;
import io.wsconnector.runtime.deflate.MessageInflater;

/**
 * Joins data frames into messages (RFC 6455, section 5.4): the only place that knows the message size
 * limit and checks that text is UTF-8 (section 8.1). Payloads are read straight into one buffer that
 * grows as bytes arrive — never to the size a header merely announces — and text is validated as it
 * arrives, so a bad byte fails the connection even in the middle of a fragment.
 *
 * <p>A compressed message (permessage-deflate, RFC 7692) goes through the {@link MessageInflater} between
 * the frame reader and the buffer: its inflated bytes count against the limit as they are inflated, so a
 * small frame that would inflate far past it fails the connection (1009) once the limit is passed, without
 * inflating the rest; its bytes on the wire count against the limit too. Invalid DEFLATE data fails it
 * with 1007, the code for data inconsistent with its message's type (RFC 6455, section 7.4.1; RFC 7692
 * names none).
 *
 * <p>The buffer is also the connection's share of the server's {@link InboundBudget}: every connection may
 * keep up to {@value #RETAINED_BUFFER} bytes of its own, uncharged, so that small messages cost no atomic
 * operation; past that, each growth is charged (one atomic addition), inflated bytes as much as bytes read
 * as they are, and a growth the budget refuses fails the connection with 1013, or 1009 if the message alone
 * needs more than the whole budget. The charge is given back when the next message begins (the handler of
 * this one has returned, and its reply was written if the input was drained) or when the connection ends.
 *
 * <p>Every message received is completed by {@link #add}: the one place to count messages and bytes
 * in. A message begun and not finished shows in {@link #openSinceNanos()}, for the message timeout.
 */
final class MessageAssembler {
    /** A message buffer larger than this is dropped after the message, so that idle connections stay small. */
    static final int RETAINED_BUFFER = 64 * 1024;
    private static final byte[] NO_BYTES = new byte[0];

    private final int maxMessageSize;
    private final InboundBudget budget;
    private final MessageTally tally;
    /** Inflates compressed messages; {@code null} without permessage-deflate. */
    private final MessageInflater inflater;
    /** Takes inflated bytes into the message; {@code null} without permessage-deflate. */
    private final InflateSink inflated;
    /** Reads the current frame's compressed payload; {@code null} without permessage-deflate. */
    private final MessageInflater.CompressedInput compressedInput;

    /** The type of the message being received, {@code TEXT} or {@code BINARY}; {@code null} between messages. */
    private Opcode type;
    private byte[] message = NO_BYTES;
    private int messageLength;
    /** What this connection has charged to the budget: the buffer's size once past the retained size. */
    private long charged;
    /** When the message being received began (its first frame's header arrived); 0 between messages. */
    private volatile long openSinceNanos;
    /** Created by the first text message. */
    private Utf8Validator utf8;
    /** Whether the message being received is compressed. */
    private boolean compressed;
    /** A compressed message's bytes on the wire so far. */
    private long compressedLength;
    /** The frame being read, while its compressed payload is inflated. */
    private FrameReader frame;

    /**
     * @param maxMessageSize the largest message accepted, in bytes, after fragments are joined
     * @param budget         the server-wide budget that large message buffers are charged to
     * @param tally          counts the messages received
     */
    MessageAssembler(int maxMessageSize, InboundBudget budget, MessageTally tally) {
        this(maxMessageSize, budget, tally, null);
    }

    /**
     * @param maxMessageSize the largest message accepted, in bytes, after fragments are joined (and inflated)
     * @param budget         the server-wide budget that large message buffers are charged to
     * @param tally          counts the messages received
     * @param inflater       inflates compressed messages; {@code null} without permessage-deflate
     */
    MessageAssembler(int maxMessageSize, InboundBudget budget, MessageTally tally, MessageInflater inflater) {
        this.maxMessageSize = maxMessageSize;
        this.budget = budget;
        this.tally = tally;
        this.inflater = inflater;
        this.inflated = inflater == null ? null : this::append;
        this.compressedInput = inflater == null ? null : this::readCompressed;
    }

    /**
     * Adds the payload of the data frame whose header {@code frame} has just read.
     *
     * @param opcode the frame's opcode: {@code TEXT}, {@code BINARY} or {@code CONTINUATION}
     * @return the type of the message this frame completed ({@code TEXT} or {@code BINARY}), to be taken
     *         with {@link #takeText()} or {@link #takeBytes()}; {@code null} if more frames are to come
     * @throws ProtocolViolation 1002 for a fragment out of place, 1009 for a message over the limit, 1007
     *                           for text that is not UTF-8, 1013 (or 1009) when the budget refuses the buffer
     */
    Opcode add(Opcode opcode, FrameReader frame) {
        begin(opcode, frame);
        Opcode complete = compressed ? addCompressed(frame) : addUncompressed(frame);
        if (complete != null) {
            tally.in(messageLength); // a compressed message counts as inflated
        }
        return complete;
    }

    /** Reads an uncompressed frame's payload into the message, checking text as it arrives. */
    private Opcode addUncompressed(FrameReader frame) {
        boolean text = type == Opcode.TEXT;
        // a message's last frame says how long the message is: the buffer grows no further than that
        long size = frame.fin() ? messageLength + frame.remaining() : maxMessageSize;
        int count;
        while ((count = frame.awaitPayload()) > 0) {
            ensureCapacity(messageLength + count, size);
            frame.readPayload(message, messageLength, count);
            if (text && !utf8.feed(message, messageLength, count)) {
                throw new ProtocolViolation(CloseCodes.INVALID_PAYLOAD, "Text message is not valid UTF-8");
            }
            messageLength += count;
        }
        if (!frame.fin()) {
            return null;
        }
        if (text && !utf8.isComplete()) {
            throw new ProtocolViolation(CloseCodes.INVALID_PAYLOAD, "Text message ends inside a UTF-8 character");
        }
        return type;
    }

    /** Inflates a compressed message's frame into the message; at its last frame, the end of its DEFLATE data. */
    private Opcode addCompressed(FrameReader frame) {
        this.frame = frame;
        try {
            inflater.inflate(compressedInput, inflated);
            if (!frame.fin()) {
                return null;
            }
            inflater.endMessage(inflated);
        } catch (CompressedDataException e) {
            throw new ProtocolViolation(CloseCodes.INVALID_PAYLOAD, e.getMessage());
        } finally {
            this.frame = null;
        }
        if (type == Opcode.TEXT && !utf8.isComplete()) {
            throw new ProtocolViolation(CloseCodes.INVALID_PAYLOAD, "Text message ends inside a UTF-8 character");
        }
        return type;
    }

    /** Reads the current frame's compressed payload, unmasked, for the inflater. */
    private int readCompressed(byte[] buffer, int offset, int max) {
        int count = Math.min(frame.awaitPayload(), max);
        if (count > 0) {
            frame.readPayload(buffer, offset, count);
        }
        return count;
    }

    /** Adds inflated bytes to the message, within the limit, validating text. */
    private void append(byte[] bytes, int offset, int length) {
        if (messageLength + length > maxMessageSize) {
            throw new ProtocolViolation(CloseCodes.MESSAGE_TOO_BIG, "Message exceeds " + maxMessageSize
                    + " bytes when inflated");
        }
        ensureCapacity(messageLength + length, maxMessageSize);
        System.arraycopy(bytes, offset, message, messageLength, length);
        if (type == Opcode.TEXT && !utf8.feed(message, messageLength, length)) {
            throw new ProtocolViolation(CloseCodes.INVALID_PAYLOAD, "Text message is not valid UTF-8");
        }
        messageLength += length;
    }

    /** The connection is gone: gives back or frees the inflater. */
    void release() {
        if (inflater != null) {
            inflater.release();
        }
    }

    /**
     * Checks the data frame whose header {@code frame} has just read like {@link #add}, but skips its
     * payload, and drops what was received of its message: after our close frame, data is no longer
     * delivered.
     */
    void skip(Opcode opcode, FrameReader frame) {
        begin(opcode, frame);
        dropBuffer();
        frame.skipPayload();
        if (frame.fin()) {
            reset();
        }
    }

    /** The text message {@link #add} completed; the assembler is ready for the next message. */
    String takeText() {
        String text = new String(message, 0, messageLength, StandardCharsets.UTF_8);
        reset();
        return text;
    }

    /**
     * The message {@link #add} completed, as bytes: a binary message, or a text message as its UTF-8 (for
     * a dispatcher that decodes bytes). The buffer itself if the message fills it and the buffer would be
     * dropped anyway (a large message, whose size its last frame told), else a copy; the assembler is ready
     * for the next message.
     */
    byte[] takeBytes() {
        byte[] binary;
        if (messageLength == message.length && messageLength > RETAINED_BUFFER) {
            binary = message; // its charge stays until the next message begins
            message = NO_BYTES;
        } else {
            binary = Arrays.copyOf(message, messageLength);
        }
        reset();
        return binary;
    }

    /**
     * When the message being received began, in {@link System#nanoTime()}; 0 if none is: read by the
     * server's clock for the message timeout.
     */
    long openSinceNanos() {
        return openSinceNanos;
    }

    /**
     * Drops the message being received, if any, with its buffer, and gives back what was charged: the
     * connection is closing or has failed (maybe for want of memory).
     */
    void abandon() {
        reset();
        dropBuffer();
    }

    /** Drops what was received of the message, keeping its place in the fragments, and the buffer's charge. */
    private void dropBuffer() {
        messageLength = 0;
        openSinceNanos = 0;
        if (message.length > RETAINED_BUFFER) {
            message = NO_BYTES;
        }
        releaseDropped();
    }

    /** Checks that the frame fits in the message so far, and starts a message with a text or binary frame. */
    private void begin(Opcode opcode, FrameReader frame) {
        if (opcode == Opcode.CONTINUATION) {
            if (type == null) {
                throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "Continuation frame without a message");
            }
        } else {
            if (type != null) {
                throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "New message inside an unfinished one");
            }
            releaseDropped(); // the previous message has been handled
            type = opcode;
            openSinceNanos = frame.lastInputNanos();
            if (opcode == Opcode.TEXT && utf8 == null) {
                utf8 = new Utf8Validator();
            }
            compressed = frame.compressed();
        }
        if (compressed) {
            // on the wire too: a compressed message is never longer than the limit allows
            compressedLength += frame.length();
            if (compressedLength > maxMessageSize) {
                throw new ProtocolViolation(CloseCodes.MESSAGE_TOO_BIG, "Message exceeds " + maxMessageSize + " bytes");
            }
        } else if (messageLength + frame.length() > maxMessageSize) {
            throw new ProtocolViolation(CloseCodes.MESSAGE_TOO_BIG, "Message exceeds " + maxMessageSize + " bytes");
        }
    }

    private void reset() {
        type = null;
        messageLength = 0;
        openSinceNanos = 0;
        compressed = false;
        compressedLength = 0;
        if (utf8 != null) {
            utf8.reset();
        }
        if (message.length > RETAINED_BUFFER) {
            message = NO_BYTES; // its charge stays until the next message begins: the handler may hold a copy
        }
    }

    /** Gives back the charge of a buffer that has been dropped. */
    private void releaseDropped() {
        if (charged > 0 && message.length <= RETAINED_BUFFER) {
            budget.release(charged);
            charged = 0;
        }
    }

    /**
     * Grows the buffer, read or inflated bytes alike: the one place where inbound memory is charged.
     *
     * @param size how large the message can be: known from its last frame, else the limit
     */
    private void ensureCapacity(int needed, long size) {
        if (message.length >= needed) {
            return;
        }
        long doubled = Math.max(256L, 2L * message.length);
        int capacity = (int) Math.max(needed, Math.min(doubled, Math.min(size, maxMessageSize)));
        if (capacity > RETAINED_BUFFER) {
            capacity = chargeFor(capacity, needed);
        }
        byte[] larger = new byte[capacity];
        System.arraycopy(message, 0, larger, 0, messageLength);
        message = larger;
    }

    /**
     * Charges a buffer of {@code capacity} bytes, or of {@code needed} if the budget cannot take more.
     *
     * @return the capacity charged
     * @throws ProtocolViolation 1013 if the budget cannot take even {@code needed}; 1009 if it never could
     */
    private int chargeFor(int capacity, int needed) {
        if (budget.charge(capacity - charged)) {
            charged = capacity;
            return capacity;
        }
        if (needed < capacity && budget.charge(needed - charged)) {
            charged = needed;
            return needed;
        }
        if (needed > budget.limit()) {
            throw new ProtocolViolation(CloseCodes.MESSAGE_TOO_BIG, "Message exceeds the server's inbound buffer limit");
        }
        throw new ProtocolViolation(CloseCodes.TRY_AGAIN_LATER, "Server busy: too many large messages at once");
    }
}
