package io.wsconnector.cluster.redis;

import io.wsconnector.runtime.cluster.Target;

/**
 * The names of the Redis channels and keys of one cluster, all under its prefix: a channel per endpoint,
 * one per room and one per node; a presence hash per node and the set of nodes.
 *
 * <p>Paths and room names are escaped so that no two targets share a channel (a {@code :} inside a name
 * cannot pass for the separator) and so that a Redis Cluster hashes the whole name: braces, which would
 * make a hash tag of {@code {room}} in {@code /chat/{room}} and put every room of the endpoint on one
 * shard, are escaped too.
 */
final class Channels {
    private final String prefix;

    /** @param prefix the cluster's name, e.g. {@code wsc} */
    Channels(String prefix) {
        this.prefix = escape(prefix);
    }

    /** The channel of an endpoint or room target; a session's goes through {@link #node}. */
    String of(Target target) {
        return switch (target) {
            case Target.Endpoint endpoint -> prefix + ":e:" + escape(endpoint.path());
            case Target.Room room -> prefix + ":r:" + escape(room.path()) + ":" + escape(room.room());
            case Target.Session session -> throw new IllegalArgumentException("a session's messages go to its node: "
                    + session);
        };
    }

    /** The channel of one node, for messages to its sessions by id. */
    String node(String nodeId) {
        return prefix + ":n:" + nodeId;
    }

    /** The hash that holds a node's sessions (presence), expiring unless the node refreshes it. */
    String presence(String nodeId) {
        return prefix + ":p:" + nodeId;
    }

    /** The set of the nodes that have published presence (some may have expired since). */
    String nodes() {
        return prefix + ":nodes";
    }

    /** The prefix every channel and key of this cluster starts with, followed by {@code :}. */
    String prefix() {
        return prefix;
    }

    /** Escapes {@code %}, the separator {@code :} and the hash-tag braces. */
    private static String escape(String name) {
        return Escaping.escape(name, ":{}");
    }
}
