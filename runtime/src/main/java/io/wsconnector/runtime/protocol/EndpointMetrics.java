package io.wsconnector.runtime.protocol;

/**
 * What the protocol layer counts for one endpoint, each at one place: handshakes refused
 * ({@link WebSocketUpgrader}), connections opened and closed ({@link HandlerCalls}, where open and close
 * are delivered exactly once), messages and their payload bytes in ({@link MessageAssembler}) and out
 * ({@link OutboundFrames}), handler failures ({@link HandlerCalls}), and what the slow-consumer policy did
 * ({@link SendQueue}). An endpoint's instance is resolved once, when the server is built: counting costs no
 * look-up and no allocation, and nothing at all with {@link #NONE} (metrics off). Messages come in sums:
 * each connection tallies its own ({@link MessageTally}), and the server's clock hands them over
 * ({@link MessageCounts}), so the meters shared by all of an endpoint's connections are not written once per
 * message.
 */
public interface EndpointMetrics {
    /** Counts nothing. */
    EndpointMetrics NONE = new EndpointMetrics() {
    };

    /** @param status the HTTP status a handshake for the endpoint was refused with */
    default void handshakeRefused(int status) {
    }

    /** A connection is open: {@code onOpen} is about to run. */
    default void opened() {
    }

    /** @param code the close code a connection's {@code onClose} got (1006: it vanished) */
    default void closed(int code) {
    }

    /**
     * @param messages     how many data messages were received
     * @param payloadBytes the sum of their sizes
     */
    default void messagesIn(long messages, long payloadBytes) {
    }

    /**
     * @param messages     how many data messages were sent, or queued to be sent (a broadcast counts per recipient)
     * @param payloadBytes the sum of their sizes
     */
    default void messagesOut(long messages, long payloadBytes) {
    }

    /** A handler threw, or a stage it returned failed (whether {@code onError} handled it or not). */
    default void handlerFailed() {
    }

    /** @param messages how many messages a drop policy dropped from a full send queue */
    default void dropped(int messages) {
    }

    /** The slow-consumer policy {@code CLOSE} closed a session whose send queue was full. */
    default void slowConsumerClosed() {
    }
}
