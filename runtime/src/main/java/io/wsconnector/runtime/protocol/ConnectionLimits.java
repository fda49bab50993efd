package io.wsconnector.runtime.protocol;

import java.time.Duration;

import io.wsconnector.runtime.SlowConsumerPolicy;

/**
 * The limits every connection of a server works within, as configured on its builder.
 *
 * @param maxMessageSize     the largest message accepted, in bytes, after fragments are joined
 * @param closeTimeout       how long to wait for the client's close frame after sending ours
 * @param sendQueueLimit     the most bytes a session's send queue holds before the policy applies
 * @param slowConsumerPolicy what happens to a session whose send queue is full
 */
public record ConnectionLimits(int maxMessageSize, Duration closeTimeout, int sendQueueLimit,
                               SlowConsumerPolicy slowConsumerPolicy) {
}
