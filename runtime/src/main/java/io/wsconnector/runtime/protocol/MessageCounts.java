package io.wsconnector.runtime.protocol;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Collects one endpoint's data messages and their bytes for its {@link EndpointMetrics}: from the tallies of
 * its connections ({@link MessageTally}), and from a shared count of the messages sent to them from other
 * threads. {@link #collect()} runs on the server's clock, every tick (100 ms), and once more when the server
 * has stopped: a message shows in the meters within a tick of being counted, and every message once the
 * server has stopped. The meters are written once a tick, with sums, never once per message; a tick reads a
 * few fields of each open connection's tally, as the clock's deadlines do.
 *
 * <p>Without meters ({@link EndpointMetrics#NONE}) nothing is counted or collected.
 */
final class MessageCounts {
    private final EndpointMetrics metrics;
    private final boolean counting;
    /** The tallies of the open connections, and of those ended but not yet collected. */
    private final Set<MessageTally> tallies = ConcurrentHashMap.newKeySet();
    private final LongAdder messagesSentElsewhere = new LongAdder();
    private final LongAdder bytesSentElsewhere = new LongAdder();
    /** What {@link #collect()} has taken from the shared counts so far. */
    private long takenMessagesSentElsewhere;
    private long takenBytesSentElsewhere;

    /**
     * @param metrics the endpoint's meters
     */
    MessageCounts(EndpointMetrics metrics) {
        this.metrics = metrics;
        this.counting = metrics != EndpointMetrics.NONE;
    }

    /** Whether there are meters to count for; without, the tallies count nothing. */
    boolean counting() {
        return counting;
    }

    /** @param tally a connection's, to collect from now until it has ended */
    void track(MessageTally tally) {
        if (counting) {
            tallies.add(tally);
        }
    }

    /** @param payloadBytes the size of a data message sent to a connection from a thread not its own */
    void sentElsewhere(int payloadBytes) {
        messagesSentElsewhere.increment();
        bytesSentElsewhere.add(payloadBytes);
    }

    /**
     * Hands the endpoint's meters what was counted since the last time, and forgets the tallies of ended
     * connections once taken. {@link LongAdder#sum()} and the tallies' fields never decrease, so neither
     * does a sum.
     */
    synchronized void collect() {
        if (!counting) {
            return;
        }
        long[] sums = new long[MessageTally.COUNTS];
        tallies.removeIf(tally -> tally.takeInto(sums));
        long messages = messagesSentElsewhere.sum();
        long bytes = bytesSentElsewhere.sum();
        sums[MessageTally.MESSAGES_OUT] += messages - takenMessagesSentElsewhere;
        sums[MessageTally.BYTES_OUT] += bytes - takenBytesSentElsewhere;
        takenMessagesSentElsewhere = messages;
        takenBytesSentElsewhere = bytes;
        if (sums[MessageTally.MESSAGES_IN] > 0) {
            metrics.messagesIn(sums[MessageTally.MESSAGES_IN], sums[MessageTally.BYTES_IN]);
        }
        if (sums[MessageTally.MESSAGES_OUT] > 0) {
            metrics.messagesOut(sums[MessageTally.MESSAGES_OUT], sums[MessageTally.BYTES_OUT]);
        }
    }
}
