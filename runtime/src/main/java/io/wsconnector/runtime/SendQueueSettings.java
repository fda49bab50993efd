package io.wsconnector.runtime;

import java.time.Duration;
import java.util.Objects;

import io.wsconnector.runtime.protocol.SendQueueLimits;

/**
 * The send-queue settings of a server or of one endpoint, checked as they are set: the hard limit, the soft
 * limit with its window, and the slow-consumer policy.
 */
final class SendQueueSettings {
    /** The default soft limit: a quarter of the default hard limit. */
    static final int DEFAULT_SOFT_LIMIT = WebSocketServer.DEFAULT_SEND_QUEUE_LIMIT / 4;
    /** How long a queue may stay over the default soft limit. */
    static final Duration DEFAULT_SOFT_WINDOW = Duration.ofSeconds(10);

    private int limit = WebSocketServer.DEFAULT_SEND_QUEUE_LIMIT;
    private int softLimit = DEFAULT_SOFT_LIMIT;
    private Duration softWindow = DEFAULT_SOFT_WINDOW;
    private SlowConsumerPolicy policy = SlowConsumerPolicy.CLOSE;

    void limit(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("sendQueueLimit must be at least 1 byte, not " + bytes);
        }
        this.limit = bytes;
    }

    void softLimit(int bytes, Duration window) {
        Objects.requireNonNull(window, "window");
        if (bytes < 0) {
            throw new IllegalArgumentException("sendQueueSoftLimit must not be negative, not " + bytes);
        }
        if (window.isNegative()) {
            throw new IllegalArgumentException("the soft limit's window must not be negative, not " + window);
        }
        this.softLimit = bytes;
        this.softWindow = window;
    }

    void policy(SlowConsumerPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    SendQueueSettings copy() {
        SendQueueSettings copy = new SendQueueSettings();
        copy.limit = limit;
        copy.softLimit = softLimit;
        copy.softWindow = softWindow;
        copy.policy = policy;
        return copy;
    }

    SendQueueLimits toLimits() {
        return new SendQueueLimits(limit, softLimit, softWindow, policy);
    }
}
