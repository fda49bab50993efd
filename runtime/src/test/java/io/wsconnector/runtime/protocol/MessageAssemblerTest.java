package io.wsconnector.runtime.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.wsconnector.runtime.CloseCodes;
import org.junit.jupiter.api.Test;

import static io.wsconnector.runtime.protocol.FrameReaderTest.concat;
import static io.wsconnector.runtime.protocol.FrameReaderTest.frame;
import static io.wsconnector.runtime.protocol.FrameReaderTest.reader;
import static io.wsconnector.runtime.protocol.FrameReaderTest.utf8;
import static io.wsconnector.runtime.protocol.MessageTallyTest.untallied;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The message assembler on byte arrays: fragments joined into messages, the size limit and UTF-8
 * checked as the bytes arrive, fragments out of place refused (RFC 6455, sections 5.4 and 8.1).
 */
class MessageAssemblerTest {
    private static final int MASK = 0x11223344;
    private static final int FIN = 0x80;
    private static final int TEXT = 0x1;
    private static final int BINARY = 0x2;
    private static final int CONTINUATION = 0x0;

    private static InboundBudget unlimited() {
        return new InboundBudget(Long.MAX_VALUE);
    }

    @Test
    void aWholeTextFrameIsATextMessage() {
        FrameReader frames = reader(frame(FIN | TEXT, MASK, utf8("Hello")));
        MessageAssembler messages = new MessageAssembler(1024, unlimited(), untallied());

        assertEquals(Opcode.TEXT, messages.add(frames.next(), frames));
        assertEquals("Hello", messages.takeText());
    }

    @Test
    void fragmentsAreJoinedIntoOneMessage() {
        FrameReader frames = reader(concat(frame(TEXT, MASK, utf8("Hel")), frame(CONTINUATION, MASK, utf8("lo, ")),
                frame(FIN | CONTINUATION, MASK, utf8("world"))));
        MessageAssembler messages = new MessageAssembler(1024, unlimited(), untallied());

        assertNull(messages.add(frames.next(), frames));
        assertNull(messages.add(frames.next(), frames));
        assertEquals(Opcode.TEXT, messages.add(frames.next(), frames));
        assertEquals("Hello, world", messages.takeText());
    }

    @Test
    void aCharacterSplitAcrossFragmentsIsJoinedWhole() {
        byte[] euro = utf8("€"); // three bytes
        FrameReader frames = reader(concat(frame(TEXT, MASK, new byte[] {euro[0]}),
                frame(FIN | CONTINUATION, MASK, new byte[] {euro[1], euro[2]})));
        MessageAssembler messages = new MessageAssembler(1024, unlimited(), untallied());

        assertNull(messages.add(frames.next(), frames));
        assertEquals(Opcode.TEXT, messages.add(frames.next(), frames));
        assertEquals("€", messages.takeText());
    }

    @Test
    void aBinaryMessageIsACopyThatTheNextMessageDoesNotTouch() {
        FrameReader frames = reader(concat(frame(FIN | BINARY, MASK, new byte[] {1, 2, 3}),
                frame(FIN | BINARY, MASK, new byte[] {4, 5})));
        MessageAssembler messages = new MessageAssembler(1024, unlimited(), untallied());

        assertEquals(Opcode.BINARY, messages.add(frames.next(), frames));
        byte[] first = messages.takeBytes();
        assertEquals(Opcode.BINARY, messages.add(frames.next(), frames));
        assertArrayEquals(new byte[] {4, 5}, messages.takeBytes());
        assertArrayEquals(new byte[] {1, 2, 3}, first);
    }

    @Test
    void invalidUtf8FailsWithTheFirstBadByteBeforeTheMessageEnds() {
        byte[] bad = {'o', 'k', (byte) 0xC0, (byte) 0xAF}; // an overlong '/'
        FrameReader frames = reader(frame(TEXT, MASK, bad)); // not the last fragment
        MessageAssembler messages = new MessageAssembler(1024, unlimited(), untallied());

        assertViolation(CloseCodes.INVALID_PAYLOAD, "Text message is not valid UTF-8",
                () -> messages.add(frames.next(), frames));
    }

    @Test
    void aTextMessageEndingInsideACharacterIsInvalid() {
        byte[] euro = utf8("€");
        FrameReader frames = reader(frame(FIN | TEXT, MASK, new byte[] {euro[0], euro[1]}));
        MessageAssembler messages = new MessageAssembler(1024, unlimited(), untallied());

        assertViolation(CloseCodes.INVALID_PAYLOAD, "Text message ends inside a UTF-8 character",
                () -> messages.add(frames.next(), frames));
    }

    @Test
    void binaryDataIsNotCheckedAsText() {
        FrameReader frames = reader(frame(FIN | BINARY, MASK, new byte[] {(byte) 0xC0, (byte) 0xFF}));
        MessageAssembler messages = new MessageAssembler(1024, unlimited(), untallied());

        assertEquals(Opcode.BINARY, messages.add(frames.next(), frames));
        assertArrayEquals(new byte[] {(byte) 0xC0, (byte) 0xFF}, messages.takeBytes());
    }

    @Test
    void aFrameAnnouncingMoreThanTheLimitFailsBeforeItsPayloadArrives() {
        byte[] header = frame(FIN | BINARY, MASK, new byte[2000]);
        FrameReader frames = reader(Arrays.copyOf(header, 8)); // the header only: no payload follows
        MessageAssembler messages = new MessageAssembler(1024, unlimited(), untallied());

        assertViolation(CloseCodes.MESSAGE_TOO_BIG, "Message exceeds 1024 bytes", () -> messages.add(frames.next(), frames));
    }

    @Test
    void fragmentsThatTogetherPassTheLimitFail() {
        FrameReader frames = reader(concat(frame(BINARY, MASK, new byte[600]), frame(FIN | CONTINUATION, MASK, new byte[600])));
        MessageAssembler messages = new MessageAssembler(1024, unlimited(), untallied());

        assertNull(messages.add(frames.next(), frames));
        assertViolation(CloseCodes.MESSAGE_TOO_BIG, "Message exceeds 1024 bytes", () -> messages.add(frames.next(), frames));
    }

    @Test
    void aMessageOfExactlyTheLimitIsAccepted() {
        FrameReader frames = reader(concat(frame(BINARY, MASK, new byte[1000]), frame(FIN | CONTINUATION, MASK, new byte[24])));
        MessageAssembler messages = new MessageAssembler(1024, unlimited(), untallied());

        assertNull(messages.add(frames.next(), frames));
        assertEquals(Opcode.BINARY, messages.add(frames.next(), frames));
        assertEquals(1024, messages.takeBytes().length);
    }

    @Test
    void aContinuationWithoutAMessageIsAProtocolError() {
        FrameReader frames = reader(frame(FIN | CONTINUATION, MASK, utf8("stray")));
        MessageAssembler messages = new MessageAssembler(1024, unlimited(), untallied());

        assertViolation(CloseCodes.PROTOCOL_ERROR, "Continuation frame without a message",
                () -> messages.add(frames.next(), frames));
    }

    @Test
    void aNewMessageInsideAnUnfinishedOneIsAProtocolError() {
        FrameReader frames = reader(concat(frame(TEXT, MASK, utf8("first")), frame(FIN | BINARY, MASK, new byte[1])));
        MessageAssembler messages = new MessageAssembler(1024, unlimited(), untallied());

        assertNull(messages.add(frames.next(), frames));
        assertViolation(CloseCodes.PROTOCOL_ERROR, "New message inside an unfinished one",
                () -> messages.add(frames.next(), frames));
    }

    @Test
    void skippedFramesAreCheckedLikeOthersAndEndTheirMessage() {
        FrameReader frames = reader(concat(frame(TEXT, MASK, utf8("skipped ")), frame(FIN | CONTINUATION, MASK, utf8("too")),
                frame(FIN | TEXT, MASK, utf8("kept"))));
        MessageAssembler messages = new MessageAssembler(1024, unlimited(), untallied());

        messages.skip(frames.next(), frames);
        messages.skip(frames.next(), frames);
        assertEquals(Opcode.TEXT, messages.add(frames.next(), frames));
        assertEquals("kept", messages.takeText());
    }

    @Test
    void aSkippedFrameOverTheLimitStillFails() {
        FrameReader frames = reader(frame(FIN | TEXT, MASK, new byte[2000]));
        MessageAssembler messages = new MessageAssembler(1024, unlimited(), untallied());

        assertViolation(CloseCodes.MESSAGE_TOO_BIG, "Message exceeds 1024 bytes", () -> messages.skip(frames.next(), frames));
    }

    @Test
    void aLargeMessageFollowedByASmallOneGivesBothWhole() {
        byte[] large = new byte[200_000];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) ('a' + i % 26);
        }
        FrameReader frames = reader(concat(frame(FIN | TEXT, MASK, large), frame(FIN | TEXT, MASK, utf8("small"))));
        MessageAssembler messages = new MessageAssembler(1 << 20, unlimited(), untallied());

        assertEquals(Opcode.TEXT, messages.add(frames.next(), frames));
        assertEquals(new String(large, StandardCharsets.US_ASCII), messages.takeText());
        assertEquals(Opcode.TEXT, messages.add(frames.next(), frames));
        assertEquals("small", messages.takeText());
    }

    private static void assertViolation(int code, String message, Runnable action) {
        ProtocolViolation violation = assertThrows(ProtocolViolation.class, action::run);
        assertEquals(code, violation.code());
        assertEquals(message, violation.getMessage());
    }
}
