package io.wsconnector.cluster.redis;

import java.util.concurrent.ConcurrentHashMap;

import io.wsconnector.runtime.cluster.Target;

/**
 * A channel this node listens to, because it has sessions of the endpoint or members of the room (or
 * because it is the node's own channel), and the last sequence number seen from each origin on it.
 *
 * <p>The sequence state lives and dies with the interest: when the node stops listening (its last member
 * left), what others publish meanwhile is not lost to it, so a later interest starts afresh.
 */
final class Interest {
    private final Target target;
    /** Sessions of this node that make it listen; changed only inside {@link Interests}' map operations. */
    int members;
    private final ConcurrentHashMap<String, long[]> lastByOrigin = new ConcurrentHashMap<>();

    /** @param target where the channel's messages go; {@code null} for the node's own channel */
    Interest(Target target) {
        this.target = target;
    }

    /** Where messages on the channel go, or {@code null} when each names its session. */
    Target target() {
        return target;
    }

    /**
     * Takes the next sequence number from an origin.
     *
     * @return how many of the origin's messages were missed just before this one: 0 if it follows the
     *         last one, or if it is the first seen from the origin here or a new start (number 1)
     */
    long accept(String origin, long sequence, long now) {
        long[] last = lastByOrigin.get(origin);
        if (last == null) {
            // {last number, when}; the lambda, which allocates, only for a new origin
            last = lastByOrigin.computeIfAbsent(origin, o -> new long[] {0, now});
        }
        long missed;
        synchronized (last) {
            missed = last[0] == 0 || sequence <= last[0] || sequence == 1 ? 0 : sequence - last[0] - 1;
            last[0] = sequence;
            last[1] = now;
        }
        return missed;
    }

    /** Forgets origins not heard from since {@code before} (nodes that left, channels they stopped using). */
    void forgetOriginsSilentSince(long before) {
        lastByOrigin.values().removeIf(last -> {
            synchronized (last) {
                return last[1] - before < 0;
            }
        });
    }
}
