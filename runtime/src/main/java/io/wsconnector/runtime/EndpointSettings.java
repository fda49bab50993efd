package io.wsconnector.runtime;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * What one endpoint's connections do differently from the server's other endpoints, given to
 * {@link WebSocketServer.Builder#endpoint(Class, Consumer)}; what is not set here is the
 * server's. For now: how its sessions' send queues treat slow consumers, e.g. a chat that tolerates less
 * backlog than a feed of large updates.
 */
public final class EndpointSettings {
    private final SendQueueSettings sendQueue;

    EndpointSettings(SendQueueSettings sendQueue) {
        this.sendQueue = sendQueue;
    }

    /**
     * The hard limit of this endpoint's send queues; see {@link WebSocketServer.Builder#sendQueueLimit(int)}.
     *
     * @param bytes the limit, at least 1
     * @return these settings
     */
    public EndpointSettings sendQueueLimit(int bytes) {
        sendQueue.limit(bytes);
        return this;
    }

    /**
     * The soft limit of this endpoint's send queues; see
     * {@link WebSocketServer.Builder#sendQueueSoftLimit(int, Duration)}.
     *
     * @param bytes  the soft limit; 0 for none
     * @param window how long a queue may stay over it
     * @return these settings
     */
    public EndpointSettings sendQueueSoftLimit(int bytes, Duration window) {
        sendQueue.softLimit(bytes, window);
        return this;
    }

    /**
     * The slow-consumer policy of this endpoint's sessions; see
     * {@link WebSocketServer.Builder#slowConsumerPolicy(SlowConsumerPolicy)}.
     *
     * @param policy the policy
     * @return these settings
     */
    public EndpointSettings slowConsumerPolicy(SlowConsumerPolicy policy) {
        sendQueue.policy(policy);
        return this;
    }
}
