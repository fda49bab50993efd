package io.wsconnector.runtime.protocol;

import io.wsconnector.runtime.CloseCodes;
import org.junit.jupiter.api.Test;

import static io.wsconnector.runtime.protocol.FrameReaderTest.concat;
import static io.wsconnector.runtime.protocol.FrameReaderTest.frame;
import static io.wsconnector.runtime.protocol.FrameReaderTest.reader;
import static io.wsconnector.runtime.protocol.MessageTallyTest.untallied;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The message assembler's share of the server-wide inbound budget, on byte arrays: small messages are free,
 * a large buffer is charged as it grows and given back when the next message begins or the connection gives
 * up its message, and a growth the budget refuses fails with 1013 (1009 if the message alone is larger
 * than the budget).
 */
class InboundBudgetTest {
    private static final int MASK = 0x5A5A5A5A;
    private static final int FIN = 0x80;
    private static final int BINARY = 0x2;
    private static final int LARGE = 200 * 1024;

    @Test
    void messagesTheConnectionMayKeepForItselfAreNotCharged() {
        InboundBudget budget = new InboundBudget(1);
        FrameReader frames = reader(frame(FIN | BINARY, MASK, new byte[MessageAssembler.RETAINED_BUFFER]));
        MessageAssembler messages = new MessageAssembler(1024 * 1024, budget, untallied());

        assertEquals(Opcode.BINARY, messages.add(frames.next(), frames));
        assertEquals(MessageAssembler.RETAINED_BUFFER, messages.takeBytes().length);
        assertEquals(0, budget.charged());
    }

    @Test
    void aLargeMessageIsChargedUntilTheNextMessageBegins() {
        InboundBudget budget = new InboundBudget(10L * 1024 * 1024);
        FrameReader frames = reader(concat(frame(FIN | BINARY, MASK, new byte[LARGE]), frame(FIN | BINARY, MASK, new byte[1])));
        MessageAssembler messages = new MessageAssembler(1024 * 1024, budget, untallied());

        messages.add(frames.next(), frames);
        messages.takeBytes();
        long charged = budget.charged();
        assertEquals(true, charged >= LARGE, () -> charged + " bytes charged for a message of " + LARGE);

        messages.add(frames.next(), frames); // the handler of the large one has returned
        assertEquals(0, budget.charged());
    }

    @Test
    void aMessageGivenUpGivesItsChargeBack() {
        InboundBudget budget = new InboundBudget(10L * 1024 * 1024);
        FrameReader frames = reader(frame(BINARY, MASK, new byte[LARGE])); // more fragments to come
        MessageAssembler messages = new MessageAssembler(1024 * 1024, budget, untallied());

        messages.add(frames.next(), frames);
        messages.abandon();

        assertEquals(0, budget.charged());
    }

    @Test
    void aGrowthTheBudgetCannotTakeFailsWith1013AndChargesNothing() {
        InboundBudget budget = new InboundBudget(LARGE);
        assertEquals(true, budget.charge(LARGE / 2)); // another connection's message
        FrameReader frames = reader(frame(FIN | BINARY, MASK, new byte[LARGE - 1024]));
        MessageAssembler messages = new MessageAssembler(1024 * 1024, budget, untallied());

        ProtocolViolation violation = assertThrows(ProtocolViolation.class, () -> messages.add(frames.next(), frames));

        assertEquals(CloseCodes.TRY_AGAIN_LATER, violation.code());
        assertEquals(LARGE / 2, budget.charged());
    }

    @Test
    void aMessageLargerThanTheWholeBudgetFailsWith1009() {
        InboundBudget budget = new InboundBudget(LARGE);
        FrameReader frames = reader(frame(FIN | BINARY, MASK, new byte[LARGE + 1024]));
        MessageAssembler messages = new MessageAssembler(1024 * 1024, budget, untallied());

        ProtocolViolation violation = assertThrows(ProtocolViolation.class, () -> messages.add(frames.next(), frames));

        assertEquals(CloseCodes.MESSAGE_TOO_BIG, violation.code());
        assertEquals(0, budget.charged());
    }
}
