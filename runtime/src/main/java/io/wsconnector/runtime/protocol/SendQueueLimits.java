package io.wsconnector.runtime.protocol;

import java.time.Duration;

import io.wsconnector.runtime.SlowConsumerPolicy;

/**
 * How much a session's send queue may hold, judged by bytes and by time, as Redis judges its clients'
 * output buffers: over the hard {@code limit} the policy applies at once; over the {@code softLimit} for
 * longer than {@code softWindow} without a break, a session is closed with 1008 (policy
 * {@link SlowConsumerPolicy#CLOSE} only: the drop policies never close). A burst that the client reads
 * within the window closes no one.
 *
 * @param limit      the most bytes queued before the policy applies
 * @param softLimit  the bytes queued that may last no longer than the window; 0: none
 * @param softWindow how long the queue may stay over the soft limit
 * @param policy     what happens to a frame that does not fit under the hard limit
 */
public record SendQueueLimits(int limit, int softLimit, Duration softWindow, SlowConsumerPolicy policy) {
    /** Whether a soft limit applies: one under the hard limit, with policy {@link SlowConsumerPolicy#CLOSE}. */
    boolean hasSoftLimit() {
        return softLimit > 0 && softLimit < limit && policy == SlowConsumerPolicy.CLOSE;
    }
}
