package io.wsconnector.cluster.redis;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.wsconnector.runtime.WebSocketSessions;
import io.wsconnector.testsupport.JdkClient;
import org.junit.jupiter.api.Test;

import static io.wsconnector.cluster.redis.ClusterNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Redis going away, a client that does not read, and a node that dies, with real processes. */
class FaultsTest {
    private static final int MESSAGES = 3000;

    @Test
    void whileRedisIsDownFiveSecondsLocalDeliveryGoesOnAndCrossNodeDeliveryResumesByItselfCountingWhatWasMissed()
            throws Exception {
        try (RedisProcess redis = RedisProcess.start();
             ClusterNodes nodes = new ClusterNodes(redis.uri(), 2);
             JdkClient here = ClusterNodes.client(nodes.server(0), "lobby", "ada");
             JdkClient there = ClusterNodes.client(nodes.server(1), "lobby", "bob")) {
            await("both nodes on the endpoint's channel",
                    () -> CrossNodeTest.subscribers(redis, CrossNodeTest.ENDPOINT_CHANNEL) == 2);
            WebSocketSessions chat = nodes.server(0).sessions(ClusterNodes.PATH);
            int[] sent = {0};
            Runnable send = () -> chat.broadcastText(String.valueOf(++sent[0]));

            sendFor(1000, send);
            redis.stop();
            sendFor(5000, send);
            int sentWhileDown = sent[0];
            await("local delivery while Redis is down", () -> here.pending().size() == sentWhileDown);
            redis.restart();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (lastNumber(there) < sentWhileDown + 50) {
                assertTrue(System.nanoTime() < deadline, "cross-node delivery did not resume within 20 s");
                send.run();
                Thread.sleep(5);
            }
            await("the last message on the other node", () -> lastNumber(there) == sent[0]);

            List<Integer> local = numbers(here);
            assertEquals(sent[0], local.size(), "every message reached the sender's node");
            for (int i = 0; i < local.size(); i++) {
                assertEquals(i + 1, local.get(i), "in order");
            }
            List<Integer> remote = numbers(there);
            for (int i = 1; i < remote.size(); i++) {
                assertTrue(remote.get(i) > remote.get(i - 1), "in order, with a hole");
            }
            RedisClusterStats stats = nodes.cluster(1).stats();
            assertTrue(stats.lost() > 0, stats.toString());
            assertEquals(sent[0] - remote.size(), stats.lost(), "what b counted lost is what its client missed: " + stats);
            assertTrue(nodes.cluster(0).stats().droppedWhileDisconnected() > 0, nodes.cluster(0).stats().toString());
        }
    }

    @Test
    void aClientThatDoesNotReadSlowsNeitherTheOtherClientsOfItsNodeNorTheSubscriber() throws Exception {
        try (RedisProcess redis = RedisProcess.start();
             ClusterNodes nodes = new ClusterNodes(redis.uri(), 2);
             JdkClient sender = ClusterNodes.client(nodes.server(0), "lobby", "ada");
             JdkClient reader = ClusterNodes.client(nodes.server(1), "lobby", "bob");
             Socket stalled = stalledClient(nodes.server(1).port())) {
            await("b's two sessions", () -> nodes.server(1).sessions(ClusterNodes.PATH).count() == 2);
            await("both nodes on the endpoint's channel",
                    () -> CrossNodeTest.subscribers(redis, CrossNodeTest.ENDPOINT_CHANNEL) == 2);
            // 12 MB: more than the stalled client's send queue (1 MiB) and socket buffers can hold
            String filler = "x".repeat(4096);
            WebSocketSessions chat = nodes.server(0).sessions(ClusterNodes.PATH);
            for (int i = 0; i < MESSAGES; i++) {
                chat.broadcastText(i + " " + filler);
                if (i % 10 == 9) {
                    Thread.sleep(10); // a steady stream (~4 MB/s) that a reading client keeps up with
                }
            }
            for (int i = 0; i < MESSAGES; i++) {
                assertTrue(reader.awaitText().startsWith(i + " "), "message " + i + " in order");
            }
            await("the stalled client closed by the slow-consumer policy",
                    () -> nodes.server(1).sessions(ClusterNodes.PATH).count() == 1);
            RedisClusterStats stats = nodes.cluster(1).stats();
            assertEquals(0, stats.lost(), "the subscriber kept up: " + stats);
            assertEquals(MESSAGES, stats.received(), stats.toString());
        }
    }

    @Test
    void aNodeThatDiesDropsOutOfPresenceWithinThreeHeartbeats() throws Exception {
        try (RedisProcess redis = RedisProcess.start();
             ClusterNodes nodes = new ClusterNodes(redis.uri(), 1)) {
            Process doomed = startNodeProcess(redis.uri(), "doomed");
            try {
                int port = awaitReady(doomed);
                RedisCluster fromA = nodes.cluster(0);
                try (JdkClient zed = ClusterNodes.client(port, "lobby", "zed")) {
                    await("the other process's session in presence", () -> fromA.sessions(ClusterNodes.PATH).size() == 1);
                    assertEquals(Set.of("a", "doomed"), fromA.nodes());
                    doomed.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no goodbye
                    long died = System.nanoTime();
                    await("the dead node gone", () -> fromA.nodes().equals(Set.of("a")));
                    long gone = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - died);
                    assertEquals(List.of(), fromA.sessions(ClusterNodes.PATH));
                    // its last heartbeat set a time to live of 3 x 200 ms; allow for a loaded machine
                    assertTrue(gone < 3 * 200 + 2000, "gone after " + gone + " ms");
                }
            } finally {
                doomed.destroyForcibly();
            }
        }
    }

    private static void sendFor(long millis, Runnable send) throws InterruptedException {
        for (long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis); System.nanoTime() < end; ) {
            send.run();
            Thread.sleep(5);
        }
    }

    /** The number in the last message the client received (none read: every one is pending). */
    private static int lastNumber(JdkClient client) {
        List<Integer> numbers = numbers(client);
        return numbers.isEmpty() ? 0 : numbers.get(numbers.size() - 1);
    }

    private static List<Integer> numbers(JdkClient client) {
        List<Integer> numbers = new ArrayList<>();
        for (Object message : client.pending()) {
            numbers.add(Integer.parseInt((String) message));
        }
        return numbers;
    }

    /** A client that completes the handshake with a tiny receive buffer, then never reads again. */
    private static Socket stalledClient(int port) throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("localhost", port));
        OutputStream out = socket.getOutputStream();
        out.write(("GET /chat/lobby?nick=stalled HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        int matched = 0;
        while (matched < 4) { // up to the end of the 101 response's headers
            int b = in.read();
            assertTrue(b >= 0, "the server closed the connection during the handshake");
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return socket;
    }

    private static Process startNodeProcess(String redisUri, String nodeId) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", classPath, NodeMain.class.getName(), redisUri, nodeId)
                .redirectErrorStream(true).start();
    }

    private static int awaitReady(Process process) throws Exception {
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.startsWith("READY ")) {
                Thread.ofPlatform().daemon().start(() -> lines.lines().forEach(ignored -> { })); // keep its pipe drained
                return Integer.parseInt(line.substring("READY ".length()));
            }
        }
        throw new IllegalStateException("the node process ended before it was ready");
    }
}
