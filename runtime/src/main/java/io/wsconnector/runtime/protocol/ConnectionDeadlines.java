package io.wsconnector.runtime.protocol;

import java.time.Duration;

/**
 * The deadlines of one WebSocket connection, which the server's clock checks every tick: its idle timeout
 * ({@link IdleWatch}, if its endpoint has one); the message timeout — a message begun must be complete in
 * time, or the connection is closed with 1008, so that a trickle of fragments, each of them activity,
 * cannot hold a buffer for ever; the slow-consumer window of its send queue ({@link SendQueueLimits}); and,
 * once the server has failed the connection and reads on to drop what the client still sends, the pause
 * after which the client is taken to have stopped sending ({@value #LINGER_PAUSE_MILLIS} ms): TCP can be
 * closed then without resetting it, and without waiting for the close timeout.
 */
final class ConnectionDeadlines implements ServerClock.Watch {
    /** How long a failed connection's client may pause before the server closes TCP. */
    static final long LINGER_PAUSE_MILLIS = 1_000;
    private static final long LINGER_PAUSE_NANOS = LINGER_PAUSE_MILLIS * 1_000_000;

    private final IdleWatch idle;
    private final FrameReader frames;
    private final MessageAssembler messages;
    private final long messageTimeoutNanos;
    private final OutboundFrames outbound;
    private final boolean sendQueueHasSoftLimit;
    private final Runnable messageTimedOut;
    private final Runnable closeSocket;
    /** The message that timed out (when it began): it is closed once. On the clock's thread. */
    private long timedOutMessage;
    /** Since when the server reads on after failing the connection; 0 while it does not. */
    private volatile long lingeringSinceNanos;

    /**
     * @param idle                  the idle timeout, or {@code null} if the endpoint has none
     * @param frames                when input last arrived
     * @param messages              when the message being received began
     * @param messageTimeout        how long a message may take to complete; zero: no limit
     * @param outbound              the send queue, checked against its soft limit
     * @param sendQueueHasSoftLimit whether the send queue has a soft limit to check
     * @param messageTimedOut       closes the connection when the message timeout has passed
     * @param closeSocket           closes TCP once a failed connection's client has paused
     */
    ConnectionDeadlines(IdleWatch idle, FrameReader frames, MessageAssembler messages, Duration messageTimeout,
                        OutboundFrames outbound, boolean sendQueueHasSoftLimit, Runnable messageTimedOut,
                        Runnable closeSocket) {
        this.idle = idle;
        this.frames = frames;
        this.messages = messages;
        this.messageTimeoutNanos = messageTimeout.toNanos();
        this.outbound = outbound;
        this.sendQueueHasSoftLimit = sendQueueHasSoftLimit;
        this.messageTimedOut = messageTimedOut;
        this.closeSocket = closeSocket;
    }

    /** The server has failed the connection and reads on: from now on, a pause of the client ends it. */
    void lingering() {
        lingeringSinceNanos = System.nanoTime();
    }

    @Override
    public void check(long now) {
        long lingering = lingeringSinceNanos;
        if (lingering != 0) {
            // a pause of the client: the reader waits for it, and nothing has come for a while (a reader that is
            // busy, or not scheduled on a loaded machine, is no pause)
            if (frames.isWaiting() && now - Math.max(lingering, frames.lastInputNanos()) > LINGER_PAUSE_NANOS) {
                lingeringSinceNanos = 0;
                closeSocket.run();
            }
            return;
        }
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
