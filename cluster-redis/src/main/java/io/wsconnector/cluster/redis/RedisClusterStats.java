package io.wsconnector.cluster.redis;

/**
 * What one node's {@link RedisCluster} has counted since it started. Redis pub/sub delivers at most once:
 * these counts make the losses visible, on both sides.
 *
 * @param published                messages this node wrote to Redis
 * @param received                 messages from other nodes this node received for its endpoints, rooms and sessions
 * @param delivered                sessions of this node those messages were queued for
 * @param lost                     messages from other nodes this node missed, found by the holes in their
 *                                 sequence numbers (a hole is counted when the next message arrives)
 * @param gaps                     how many such holes (each is logged once)
 * @param droppedWhileDisconnected messages this node did not get to Redis because it was unreachable (or the
 *                                 batch they were in failed)
 * @param droppedQueueFull         messages this node dropped because its outgoing queue was full
 * @param malformed                messages on this cluster's channels that were not wsconnector messages
 * @param reconnects               how many times a subscription connection was lost and made again
 * @param subscriptions            channels subscribed now: this node's own, and one per endpoint and room it
 *                                 has sessions in
 */
public record RedisClusterStats(long published, long received, long delivered, long lost, long gaps,
                                long droppedWhileDisconnected, long droppedQueueFull, long malformed,
                                long reconnects, int subscriptions) {
}
