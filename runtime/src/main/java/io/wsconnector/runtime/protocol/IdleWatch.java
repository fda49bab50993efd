package io.wsconnector.runtime.protocol;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The idle timeout of one connection whose endpoint has one: {@link IdleTimeouts} asks it every tick
 * whether no frame has arrived for the timeout; then it hands {@code onIdleTimeout} to a thread of
 * Helidon's executor, which waits its turn among the connection's handler calls. After an
 * {@code onIdleTimeout} that keeps the connection, the idle time counts from then.
 */
final class IdleWatch {
    private final FrameReader frames;
    private final OutboundFrames outbound;
    private final HandlerCalls calls;
    private final Executor executor;
    private final long timeoutNanos;

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
     */
    IdleWatch(FrameReader frames, OutboundFrames outbound, HandlerCalls calls, Executor executor, long timeoutNanos) {
        this.frames = frames;
        this.outbound = outbound;
        this.calls = calls;
        this.executor = executor;
        this.timeoutNanos = timeoutNanos;
    }

    /** When the connection last showed life: its last frame, or the last idle timeout it survived. */
    long idleSinceNanos() {
        return Math.max(frames.lastInputNanos(), restartNanos);
    }

    /** Called every tick: fires the timeout if it is due. */
    void check(long now) {
        if (firing || stopped || outbound.closeSent() || now - idleSinceNanos() < timeoutNanos) {
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
