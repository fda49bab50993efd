package io.wsconnector.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.wsconnector.cluster.redis.RedisCluster;
import io.wsconnector.cluster.redis.RedisClusterStats;
import io.wsconnector.runtime.WebSocketServer;
import io.wsconnector.runtime.WebSocketSessions;

/**
 * One node of the cluster scenario ({@link ClusterBench}), in a server process of its own, serving
 * {@link ClusterBroadcast} and {@link ClusterRooms} (nothing discovered) in one of three variants:
 * <ul>
 *     <li>{@code ours}: joined to the others with {@code WebSocketServer.builder().cluster(RedisCluster...)};</li>
 *     <li>{@code hand}, {@code hand-blocking}: no cluster; {@link HandRelay} carries the broadcasts to and from
 *     Redis, publishing from a queue or on the handler's thread;</li>
 *     <li>{@code single}: no cluster and no Redis: the one node everybody connects to.</li>
 * </ul>
 * Its own commands ({@link EchoServers.Running#command}): {@code stats} ({@code STATS published=N received=N
 * ...}: the module's {@link RedisClusterStats}, or the relay's counts), {@code relaycpu}
 * ({@code RELAYCPU nanos=N publishing=N}: the CPU time of the relay's threads, and of its publishing thread alone)
 * and {@code rooms N} (broadcasts {@code N} messages to the rooms {@code r0}...{@code r99} in turn, from the
 * command's thread: {@code ROOMS sent=N}).
 */
final class ClusterServers {
    static final List<String> VARIANTS = List.of("ours", "hand", "hand-blocking", "single");
    static final int ROOMS = 100;

    private ClusterServers() {
    }

    /**
     * Starts a node.
     *
     * @param variant  {@code ours}, {@code hand}, {@code hand-blocking} or {@code single}
     * @param redisUri where Redis is (ignored by {@code single})
     * @param nodeId   the node's id in the cluster
     */
    static EchoServers.Running start(String variant, String host, int port, int maxMessageBytes, int sendQueueLimit,
                                     String redisUri, String nodeId) {
        WebSocketServer.Builder builder = WebSocketServer.builder()
                .host(host)
                .port(port)
                .maxMessageSize(maxMessageBytes)
                .sendQueueLimit(sendQueueLimit)
                .discoverEndpoints(false)
                .addEndpoint(ClusterRooms.endpoint());
        switch (variant) {
            case "ours" -> {
                RedisCluster cluster = RedisCluster.builder(redisUri).nodeId(nodeId).connect();
                WebSocketServer server = builder.cluster(cluster).addEndpoint(ClusterBroadcast.endpoint(text -> { }))
                        .build().start();
                return new Node(server, () -> stats(cluster.stats()), null);
            }
            case "hand", "hand-blocking" -> {
                HandRelay relay = new HandRelay(redisUri, nodeId, variant.equals("hand") ? HandRelay.Publishing.QUEUED
                        : HandRelay.Publishing.BLOCKING);
                WebSocketServer server = builder.addEndpoint(ClusterBroadcast.endpoint(relay::publish)).build().start();
                relay.start(server.sessions(ClusterBroadcast.class));
                return new Node(server, relay::stats, relay);
            }
            case "single" -> {
                WebSocketServer server = builder.addEndpoint(ClusterBroadcast.endpoint(text -> { })).build().start();
                return new Node(server, () -> "STATS published=0 received=0", null);
            }
            default -> throw new IllegalArgumentException("unknown cluster variant '" + variant + "'; use one of "
                    + VARIANTS);
        }
    }

    private static String stats(RedisClusterStats s) {
        return "STATS published=" + s.published() + " received=" + s.received() + " delivered=" + s.delivered()
                + " lost=" + s.lost() + " gaps=" + s.gaps() + " dropped=" + (s.droppedQueueFull()
                + s.droppedWhileDisconnected()) + " subscriptions=" + s.subscriptions();
    }

    /** A started node and its commands. */
    private record Node(WebSocketServer server, Supplier<String> stats, HandRelay relay)
            implements EchoServers.Running {
        @Override
        public int port() {
            return server.port();
        }

        @Override
        public String command(String line) {
            if (line.equals("stats")) {
                return stats.get();
            }
            if (line.equals("relaycpu")) {
                return "RELAYCPU nanos=" + relayCpuNanos("wsconnector-redis", "hand-relay") + " publishing="
                        + relayCpuNanos("wsconnector-redis-writer", "hand-relay-publisher");
            }
            if (line.startsWith("rooms ")) {
                return rooms(Integer.parseInt(line.substring("rooms ".length()).trim()));
            }
            return null;
        }

        /**
         * The CPU time so far of the threads whose names start with one of the prefixes: the relay's own threads
         * are the module's writer and subscriber threads ({@code wsconnector-redis-...}), or the hand relay's
         * ({@code hand-relay-...}). A subscriber's share includes handing each message to the runtime, which
         * queues it for the local sessions.
         */
        private static long relayCpuNanos(String... prefixes) {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long sum = 0;
            for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (thread != null && Stream.of(prefixes).anyMatch(thread.getThreadName()::startsWith)) {
                    sum += Math.max(0, threads.getThreadCpuTime(thread.getThreadId()));
                }
            }
            return sum;
        }

        /** Message {@code i} goes to room {@code r(i % 100)}: every room as busy as the others. */
        private String rooms(int messages) {
            WebSocketSessions rooms = server.sessions(ClusterRooms.class);
            String padding = "x".repeat(ClusterBench.PAYLOAD);
            for (int i = 0; i < messages; i++) {
                String text = ("room message " + i + " ").concat(padding).substring(0, ClusterBench.PAYLOAD);
                rooms.room("r" + (i % ROOMS)).broadcastText(text);
            }
            return "ROOMS sent=" + messages;
        }

        @Override
        public void close() {
            server.stop();
            if (relay != null) {
                relay.close();
            }
        }
    }
}
