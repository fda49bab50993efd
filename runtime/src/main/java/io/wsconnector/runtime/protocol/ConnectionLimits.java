package io.wsconnector.runtime.protocol;

import java.time.Duration;

/**
 * The limits every connection of an endpoint works within: its server's, or those configured for its path.
 *
 * @param maxMessageSize the largest message accepted, in bytes, after fragments are joined
 * @param closeTimeout   how long to wait for the client's close frame after sending ours
 * @param messageTimeout how long a message begun may take to complete; zero: no limit
 * @param sendQueue      the limits of each session's send queue
 */
public record ConnectionLimits(int maxMessageSize, Duration closeTimeout, Duration messageTimeout,
                               SendQueueLimits sendQueue) {
}
