package io.wsconnector.cluster.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.wsconnector.runtime.cluster.Target;

/**
 * The channels this node must be subscribed to, counted by the sessions that need each: an endpoint's
 * while the node has sessions of it, a room's while the node has members in it, and the node's own always.
 * Any thread changes the counts; {@link Subscriptions} follows them, woken when the set of channels
 * changed.
 */
final class Interests {
    private final ConcurrentHashMap<String, Interest> byChannel = new ConcurrentHashMap<>();
    private final AtomicBoolean changed = new AtomicBoolean(true);
    private final Runnable wake;

    /** @param wake wakes the thread that follows the changes */
    Interests(Runnable wake) {
        this.wake = wake;
    }

    /** Marks a change for the follower, and wakes it unless a change was marked already. */
    void markChanged() {
        if (!changed.getAndSet(true)) {
            wake.run();
        }
    }

    /** Whether anything changed since the last call. */
    boolean takeChanged() {
        return changed.getAndSet(false);
    }

    /** One more session needs the channel. */
    void add(String channel, Target target) {
        boolean[] created = {false};
        byChannel.compute(channel, (name, interest) -> {
            if (interest == null) {
                interest = new Interest(target);
                created[0] = true;
            }
            interest.members++;
            return interest;
        });
        if (created[0]) {
            markChanged();
        }
    }

    /** One session less needs the channel; the last one takes it away. */
    void remove(String channel) {
        boolean[] removed = {false};
        byChannel.computeIfPresent(channel, (name, interest) -> {
            removed[0] = --interest.members == 0;
            return removed[0] ? null : interest;
        });
        if (removed[0]) {
            markChanged();
        }
    }

    /** The interest in a channel, or {@code null} if this node does not listen to it now. */
    Interest get(String channel) {
        return byChannel.get(channel);
    }

    /** The channels needed now. */
    List<String> channels() {
        return new ArrayList<>(byChannel.keySet());
    }

    /** Forgets, on every channel, the origins not heard from since {@code before}. */
    void forgetOriginsSilentSince(long before) {
        for (Interest interest : byChannel.values()) {
            interest.forgetOriginsSilentSince(before);
        }
    }
}
