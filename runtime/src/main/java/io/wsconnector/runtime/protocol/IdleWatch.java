package io.wsconnector.runtime.protocol;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The idle timeout of one connection whose endpoint has one: the server's clock asks it every tick
 * whether no frame has arrived for the timeout; then it hands {@code onIdleTimeout} to a thread of
 * Helidon's executor, which waits its turn among the connection's handler calls. After an
 * {@code onIdleTimeout} that keeps the connection, the idle time counts from then.
 *
 * <p>If a write to the client has also been waiting for the whole timeout, the client neither sends nor
 * reads: the connection is cut off at once ({@code stalled}), without {@code onIdleTimeout}, which could
 * not send anything anyway and might wait forever for its turn behind a handler blocked in that write.
 */
final class IdleWatch {
    private final FrameReader frames;
    private final OutboundFrames outbound;
    private final HandlerCalls calls;
    private final Executor executor;
    private final long timeoutNanos;
    private final Runnable stalled;

    /** When the last idle timeout was handled: the idle time counts from then too. */
    private volatile long restartNanos = System.nanoTime();
    /** Set while an idle timeout is on its way to the endpoint, so that it is not fired twice. */
    private volatile boolean firing;
    private volatile boolean stopped;

    /**
     * @param frames       when the last frame arrived
     * @param outbound     whether our close frame is sent (then the connection is closing, not idle)
     * @param calls        where {@code onIdleTimeout} goes
     * @param executor     the thread pool that calls it
     * @param timeoutNanos the idle timeout
     * @param stalled      cuts the connection off when a write has been waiting for the whole timeout too
     */
    IdleWatch(FrameReader frames, OutboundFrames outbound, HandlerCalls calls, Executor executor, long timeoutNanos,
              Runnable stalled) {
        this.frames = frames;
        this.outbound = outbound;
        this.calls = calls;
        this.executor = executor;
        this.timeoutNanos = timeoutNanos;
        this.stalled = stalled;
    }

    /** When the connection last showed life: its last frame, or the last idle timeout it survived. */
    long idleSinceNanos() {
        return Math.max(frames.lastInputNanos(), restartNanos);
    }

    /** Called every tick: fires the timeout if it is due. */
    void check(long now) {
        if (stopped || outbound.closeSent() || now - idleSinceNanos() < timeoutNanos) {
            return;
        }
        // checked even while an onIdleTimeout is on its way: it may be waiting for the turn of a handler that
        // a write stalled after the timeout came due, and only cutting the connection off ends that write
        long writing = outbound.writeStartedNanos();
        if (writing != 0 && now - writing >= timeoutNanos) {
            stopped = true;
            stalled.run();
            return;
        }
        if (firing) {
            return;
        }
        firing = true;
        try {
            executor.execute(this::fire);
        } catch (RejectedExecutionException e) {
            firing = false; // the server is stopping
        }
    }

    /** The connection has ended: no more timeouts. */
    void stop() {
        stopped = true;
    }

    private void fire() {
        try {
            if (calls.idleTimeout(this::isDue)) {
                restartNanos = System.nanoTime();
            }
        } finally {
            firing = false;
        }
    }

    /** Whether the timeout is still due: a frame may have arrived, or the connection closed, meanwhile. */
    private boolean isDue() {
        return !outbound.closeSent() && System.nanoTime() - idleSinceNanos() >= timeoutNanos;
    }
}
