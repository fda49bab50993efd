package io.wsconnector.cluster.redis;

import java.time.Duration;

import io.wsconnector.runtime.WebSocketServer;

/**
 * A node in a JVM of its own, for a test to kill: {@code NodeMain REDIS_URI NODE_ID} serves
 * {@link ClusterChat} on a free port, prints {@code READY port}, and runs until it is killed.
 */
public final class NodeMain {
    private NodeMain() {
    }

    /**
     * @param args the Redis URI and the node id
     * @throws InterruptedException never: it sleeps until killed
     */
    public static void main(String[] args) throws InterruptedException {
        RedisCluster cluster = RedisCluster.builder(args[0]).nodeId(args[1]).publishAttributes("nick")
                .heartbeat(Duration.ofMillis(200)).connect();
        WebSocketServer server = WebSocketServer.builder().port(0).cluster(cluster).build().start();
        System.out.println("READY " + server.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
