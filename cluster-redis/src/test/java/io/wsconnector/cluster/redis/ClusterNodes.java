package io.wsconnector.cluster.redis;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

import io.wsconnector.runtime.WebSocketServer;
import io.wsconnector.testsupport.Await;
import io.wsconnector.testsupport.JdkClient;

/**
 * Several servers in this JVM on free ports, each a node of one cluster with a {@link RedisCluster} of its
 * own: what several machines behind a load balancer would be, in one test.
 */
final class ClusterNodes implements AutoCloseable {
    static final String PATH = "/chat/{room}";

    private final List<WebSocketServer> servers = new ArrayList<>();
    private final List<RedisCluster> clusters = new ArrayList<>();

    /** Starts {@code count} nodes named a, b, c... on the Redis at the URI. */
    ClusterNodes(String redisUri, int count) {
        this(redisUri, count, UnaryOperator.identity());
    }

    /** Starts nodes whose servers are adjusted, e.g. with a smaller send queue. */
    ClusterNodes(String redisUri, int count, UnaryOperator<WebSocketServer.Builder> adjust) {
        try {
            for (int i = 0; i < count; i++) {
                add(redisUri, String.valueOf((char) ('a' + i)), adjust);
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    WebSocketServer add(String redisUri, String nodeId, UnaryOperator<WebSocketServer.Builder> adjust) {
        RedisCluster cluster = RedisCluster.builder(redisUri).nodeId(nodeId).publishAttributes("nick")
                .heartbeat(Duration.ofMillis(200)).connect();
        clusters.add(cluster);
        WebSocketServer server = adjust.apply(WebSocketServer.builder().port(0).cluster(cluster)).build().start();
        servers.add(server);
        return server;
    }

    WebSocketServer server(int index) {
        return servers.get(index);
    }

    RedisCluster cluster(int index) {
        return clusters.get(index);
    }

    /** A client of {@link ClusterChat} in a room of the node, with a nick. */
    static JdkClient client(WebSocketServer node, String room, String nick) throws Exception {
        return client(node.port(), room, nick);
    }

    /** A client of {@link ClusterChat} in a room of the node on the port, with a nick. */
    static JdkClient client(int port, String room, String nick) throws Exception {
        return JdkClient.connect(URI.create("ws://localhost:" + port + "/chat/" + room + "?nick=" + nick));
    }

    /** The client's session id, as the server answers {@code id}. */
    static String id(JdkClient client) throws Exception {
        return client.send("id").awaitText();
    }

    /** Waits until the condition holds: subscriptions are made a moment after the session that needs them. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Await.until(what, Await.TIMEOUT, condition);
    }

    @Override
    public void close() {
        servers.forEach(WebSocketServer::stop);
        clusters.forEach(RedisCluster::close);
    }
}
