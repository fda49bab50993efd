package io.wsconnector.runtime.protocol;

import java.time.Duration;

/**
 * The deadlines of one WebSocket connection, which the server's clock checks every tick: its idle timeout
 * ({@link IdleWatch}, if its endpoint has one); the message timeout — a message begun must be complete in
 * time, or the connection is closed with 1008, so that a trickle of fragments, each of them activity,
 * cannot hold a buffer for ever; and the slow-consumer window of its send queue ({@link SendQueueLimits}).
 */
final class ConnectionDeadlines implements ServerClock.Watch {
    private final IdleWatch idle;
    private final MessageAssembler messages;
    private final long messageTimeoutNanos;
    private final OutboundFrames outbound;
    private final boolean sendQueueHasSoftLimit;
    private final Runnable messageTimedOut;
    /** The message that timed out (when it began): it is closed once. On the clock's thread. */
    private long timedOutMessage;

    /**
     * @param idle                  the idle timeout, or {@code null} if the endpoint has none
     * @param messages              when the message being received began
     * @param messageTimeout        how long a message may take to complete; zero: no limit
     * @param outbound              the send queue, checked against its soft limit
     * @param sendQueueHasSoftLimit whether the send queue has a soft limit to check
     * @param messageTimedOut       closes the connection when the message timeout has passed
     */
    ConnectionDeadlines(IdleWatch idle, MessageAssembler messages, Duration messageTimeout, OutboundFrames outbound,
                        boolean sendQueueHasSoftLimit, Runnable messageTimedOut) {
        this.idle = idle;
        this.messages = messages;
        this.messageTimeoutNanos = messageTimeout.toNanos();
        this.outbound = outbound;
        this.sendQueueHasSoftLimit = sendQueueHasSoftLimit;
        this.messageTimedOut = messageTimedOut;
    }

    @Override
    public void check(long now) {
        if (idle != null) {
            idle.check(now);
        }
        long openSince = messages.openSinceNanos();
        if (messageTimeoutNanos > 0 && openSince != 0 && now - openSince > messageTimeoutNanos
                && openSince != timedOutMessage && !outbound.closeSent()) {
            timedOutMessage = openSince;
            messageTimedOut.run();
        }
        if (sendQueueHasSoftLimit) {
            outbound.checkSendQueue(now);
        }
    }

    /**
     * When the connection last showed life, for Helidon's idle-connection closing: the last idle timeout it
     * survived if later than {@code lastInputNanos}.
     */
    long idleSinceNanos(long lastInputNanos) {
        return idle != null ? Math.max(lastInputNanos, idle.idleSinceNanos()) : lastInputNanos;
    }

    /** The connection has ended: no more deadlines. */
    void stop() {
        if (idle != null) {
            idle.stop();
        }
    }
}
