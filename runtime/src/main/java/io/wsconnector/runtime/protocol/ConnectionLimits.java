package io.wsconnector.runtime.protocol;

import java.time.Duration;

/**
 * The limits one endpoint's connections work within, as configured on the server's builder (the send queue
 * may differ per endpoint).
 *
 * @param maxMessageSize the largest message accepted, in bytes, after fragments are joined
 * @param closeTimeout   how long to wait for the client's close frame after sending ours
 * @param messageTimeout how long a message begun may take to complete; zero: no limit
 * @param sendQueue      the limits of each session's send queue
 */
public record ConnectionLimits(int maxMessageSize, Duration closeTimeout, Duration messageTimeout,
                               SendQueueLimits sendQueue) {
    /**
     * These limits with another send queue's.
     *
     * @param sendQueue the send queue's limits
     * @return the limits
     */
    public ConnectionLimits with(SendQueueLimits sendQueue) {
        return new ConnectionLimits(maxMessageSize, closeTimeout, messageTimeout, sendQueue);
    }
}
