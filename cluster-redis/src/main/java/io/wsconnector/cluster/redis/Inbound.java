package io.wsconnector.cluster.redis;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;

import io.wsconnector.runtime.cluster.LocalSessions;

/**
 * What a node does with a message from Redis, on the subscriber's thread: drops it unless the node still
 * listens to its channel and another node sent it, counts what the origin's sequence shows was missed,
 * and hands it to the runtime, which queues it for the local recipients without waiting for any.
 */
final class Inbound {
    private static final System.Logger LOGGER = System.getLogger(Inbound.class.getName());

    private final String nodeId;
    /** The node id as it stands in an envelope's origin. */
    private final byte[] origin;
    private final Interests interests;
    private final LocalSessions local;
    private final Counters counters;

    Inbound(String nodeId, Interests interests, LocalSessions local, Counters counters) {
        this.nodeId = nodeId;
        this.origin = nodeId.getBytes(StandardCharsets.US_ASCII);
        this.interests = interests;
        this.local = local;
        this.counters = counters;
    }

    void receive(String channel, byte[] bytes) {
        Interest interest = interests.get(channel);
        if (interest == null) {
            return; // unsubscribing: no session here wants it any more
        }
        if (Envelope.isFrom(bytes, origin)) {
            return; // this node's own, delivered here when it was sent
        }
        Envelope envelope;
        try {
            envelope = Envelope.decode(bytes, interest.target());
        } catch (IllegalArgumentException e) {
            counters.malformed.increment();
            LOGGER.log(Level.WARNING, "Ignored a message on " + channel + ": " + e.getMessage());
            return;
        }
        long missed = interest.accept(envelope.origin(), envelope.sequence(), System.nanoTime());
        if (missed > 0) {
            counters.lost.add(missed);
            counters.gaps.increment();
            LOGGER.log(Level.WARNING, "Missed " + missed + " messages from node " + envelope.origin() + " on " + channel
                    + " (Redis pub/sub is at-most-once): its message " + envelope.sequence() + " came after "
                    + (envelope.sequence() - missed - 1));
        }
        counters.received.increment();
        try {
            counters.delivered.add(local.deliver(envelope.message()));
        } catch (RuntimeException e) {
            LOGGER.log(Level.ERROR, "Could not deliver a message from node " + envelope.origin() + " on " + channel, e);
        }
    }
}
