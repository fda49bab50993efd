package io.wsconnector.tests.metrics;

import java.util.ArrayList;
import java.util.List;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.wsconnector.runtime.TestServers;
import io.wsconnector.runtime.WebSocketServer;
import io.wsconnector.testsupport.Await;
import io.wsconnector.testsupport.JdkClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The meters a server counts in a Helidon {@link MeterRegistry} (Micrometer behind it), over real sockets:
 * every meter is tagged with the endpoint's path template, never with a request's path. Helidon's registries
 * share Micrometer's meters within a JVM, so a test reads what its own server added to them. Messages and
 * their bytes reach their counters on the server's clock, within a tick (100 ms): tests wait for them.
 */
@Timeout(60)
class MetricsTest {
    private static final String TEMPLATE = "/metered/{room}";
    private static final Tag ENDPOINT = Tag.create("endpoint", TEMPLATE);

    private final MeterRegistry registry = Metrics.globalRegistry();
    private WebSocketServer server;
    private List<Long> before;

    @BeforeEach
    void startServer() {
        server = TestServers.start(builder -> builder.metrics(registry), new MeteredEndpoint_WebSocketEndpoint());
        before = counts();
    }

    /** Every counter this test reads, in a fixed order. */
    private List<Long> counts() {
        Tag in = Tag.create("direction", "in");
        Tag out = Tag.create("direction", "out");
        return List.of(total("wsconnector.messages", in), total("wsconnector.messages", out),
                total("wsconnector.message.bytes", in), total("wsconnector.message.bytes", out),
                total("wsconnector.connections.opened"), total("wsconnector.connections.closed", Tag.create("code", "1000")),
                total("wsconnector.handler.errors"), total("wsconnector.handshakes.refused", Tag.create("status", "403")));
    }

    /** What this test's server counted: the counts now less those when it started. */
    private List<Long> counted() {
        List<Long> now = counts();
        List<Long> added = new ArrayList<>();
        for (int i = 0; i < now.size(); i++) {
            added.add(now.get(i) - before.get(i));
        }
        return added;
    }

    /** Waits until the message counts (messages in, out; bytes in, out) are {@code expected}. */
    private void awaitMessagesCounted(List<Long> expected) throws InterruptedException {
        Await.until(() -> "messages and bytes in and out counted " + expected + ", not " + counted().subList(0, 4),
                Await.TIMEOUT, () -> counted().subList(0, 4).equals(expected));
    }

    @AfterEach
    void stopServer() {
        TestServers.stop(server);
    }

    private long total(String name, Tag... more) {
        List<Tag> tags = new ArrayList<>(List.of(more));
        tags.add(ENDPOINT);
        return registry.counter(name, tags).map(Counter::count).orElse(0L);
    }

    private double openNow() {
        return registry.gauge("wsconnector.connections.open", List.of(ENDPOINT)).orElseThrow().value().doubleValue();
    }

    @Test
    void messagesAndTheirBytesAreCountedByDirectionUnderThePathTemplate() throws Exception {
        JdkClient lobby = JdkClient.connect(TestServers.uri(server, "/metered/lobby"));
        JdkClient attic = JdkClient.connect(TestServers.uri(server, "/metered/attic"));
        assertEquals("hello", lobby.send("hello").awaitText());
        assertEquals("héllo", attic.send("héllo").awaitText());
        attic.sendBinary(new byte[1000]).awaitBinary();

        // messages in, out; payload bytes in, out (é is two bytes in UTF-8)
        awaitMessagesCounted(List.of(3L, 3L, 5L + 6 + 1000, 5L + 6 + 1000));
        assertEquals(2L, counted().get(4), "opened");
        assertTrue(registry.meters().stream().noneMatch(meter -> meter.id().tags().toString().contains("/metered/lobby")),
                "no meter carries a request's path");
    }

    @Test
    void messagesSentFromOtherThreadsAndManyInARowAreAllCounted() throws Exception {
        JdkClient lobby = JdkClient.connect(TestServers.uri(server, "/metered/lobby"));
        JdkClient attic = JdkClient.connect(TestServers.uri(server, "/metered/attic"));
        int echoes = 200;
        for (int i = 0; i < echoes; i++) {
            lobby.send("m" + i % 10);
        }
        for (int i = 0; i < echoes; i++) {
            assertEquals("m" + i % 10, lobby.awaitText());
        }
        // sent from this thread, not a connection's: one message out to each session
        assertEquals(2, server.sessions(MeteredEndpoint.class).broadcastText("news"));
        assertEquals("news", lobby.awaitText());
        assertEquals("news", attic.awaitText());

        awaitMessagesCounted(List.of((long) echoes, echoes + 2L, 2L * echoes, 2L * echoes + 2 * 4));
    }

    @Test
    void whatWasCountedIsInTheCountersOnceTheServerHasStopped() throws Exception {
        JdkClient lobby = JdkClient.connect(TestServers.uri(server, "/metered/lobby"));
        assertEquals("hello", lobby.send("hello").awaitText());

        server.stop();
        server = null;

        // no wait: stopping collects what the clock had not collected yet
        assertEquals(List.of(1L, 1L, 5L, 5L), counted().subList(0, 4));
    }

    @Test
    void connectionsAreCountedOpenedOpenNowAndClosedByCode() throws Exception {
        JdkClient first = JdkClient.connect(TestServers.uri(server, "/metered/a"));
        JdkClient second = JdkClient.connect(TestServers.uri(server, "/metered/b"));
        first.send("ready").awaitText();
        second.send("ready").awaitText();
        assertEquals(2L, counted().get(4), "opened");
        assertEquals(2.0, openNow());

        first.close(1000, "bye");
        first.awaitClose();
        second.send(MeteredEndpoint.BOOM);
        second.awaitClose(1011);
        // @OnClose runs on the server after the client has its close frame
        Await.until("no connection open on the server", Await.TIMEOUT, () -> openNow() == 0.0);

        // opened, closed with 1000, handler errors
        assertEquals(List.of(2L, 1L, 1L), counted().subList(4, 7));
    }

    @Test
    void refusedHandshakesAreCountedByStatus() throws Exception {
        for (int i = 0; i < 2; i++) {
            assertEquals(403, JdkClient.refusedStatus(TestServers.uri(server, "/metered/" + MeteredEndpoint.REFUSED_ROOM),
                    handshake -> { }));
        }

        assertEquals(2L, counted().get(7), "refused with 403");
        assertEquals(0L, counted().get(4), "opened");
    }

    @Test
    void withoutARegistryNothingIsCounted() throws Exception {
        try (WebSocketServer plain = TestServers.start(new MeteredEndpoint_WebSocketEndpoint())) {
            JdkClient client = JdkClient.connect(TestServers.uri(plain, "/metered/lobby"));
            assertEquals("hello", client.send("hello").awaitText());
            client.close(1000, "");
            client.awaitClose(1000);
        }

        assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L), counted(), "metrics are off unless a registry is given");
    }
}
