package io.wsconnector.cluster.redis;

import java.util.concurrent.atomic.LongAdder;

/** The live counts behind {@link RedisClusterStats}, added to by the module's threads. */
final class Counters {
    final LongAdder published = new LongAdder();
    final LongAdder received = new LongAdder();
    final LongAdder delivered = new LongAdder();
    final LongAdder lost = new LongAdder();
    final LongAdder gaps = new LongAdder();
    final LongAdder droppedWhileDisconnected = new LongAdder();
    final LongAdder droppedQueueFull = new LongAdder();
    final LongAdder malformed = new LongAdder();
    final LongAdder reconnects = new LongAdder();

    RedisClusterStats snapshot(int subscriptions) {
        return new RedisClusterStats(published.sum(), received.sum(), delivered.sum(), lost.sum(), gaps.sum(),
                droppedWhileDisconnected.sum(), droppedQueueFull.sum(), malformed.sum(), reconnects.sum(),
                subscriptions);
    }
}
