package io.wsconnector.tests;

import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.wsconnector.runtime.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The meters a server counts in a Helidon {@link MeterRegistry} (Micrometer behind it), over real sockets:
 * every meter is tagged with the endpoint's path template, never with a request's path. Helidon's registries
 * share Micrometer's meters within a JVM, so a test reads what its own server added to them.
 */
@Timeout(60)
class MetricsTest {
    private static final String TEMPLATE = "/metered/{room}";
    private static final Tag ENDPOINT = Tag.create("endpoint", TEMPLATE);

    private final HttpClient http = HttpClient.newHttpClient();
    private final MeterRegistry registry = Metrics.globalRegistry();
    private WebSocketServer server;
    private List<Long> before;

    @BeforeEach
    void startServer() {
        server = Servers.start(builder -> builder.metrics(registry), new MeteredEndpoint_WebSocketEndpoint());
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

    @AfterEach
    void stopServer() {
        Servers.stop(server);
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
        JdkClient lobby = JdkClient.connect(http, Servers.uri(server, "/metered/lobby"));
        JdkClient attic = JdkClient.connect(http, Servers.uri(server, "/metered/attic"));
        assertEquals("hello", lobby.send("hello").nextMessage());
        assertEquals("héllo", attic.send("héllo").nextMessage());
        attic.sendBinary(new byte[1000]).nextEvent();

        // messages in, out; payload bytes in, out (é is two bytes in UTF-8); opened
        assertEquals(List.of(3L, 3L, 5L + 6 + 1000, 5L + 6 + 1000, 2L), counted().subList(0, 5));
        assertTrue(registry.meters().stream().noneMatch(meter -> meter.id().tags().toString().contains("/metered/lobby")),
                "no meter carries a request's path");
    }

    @Test
    void connectionsAreCountedOpenedOpenNowAndClosedByCode() throws Exception {
        JdkClient first = JdkClient.connect(http, Servers.uri(server, "/metered/a"));
        JdkClient second = JdkClient.connect(http, Servers.uri(server, "/metered/b"));
        first.send("ready").nextMessage();
        second.send("ready").nextMessage();
        assertEquals(2L, counted().get(4), "opened");
        assertEquals(2.0, openNow());

        first.close(1000, "bye");
        first.awaitClose();
        second.send(MeteredEndpoint.BOOM);
        assertEquals(1011, second.awaitClose().statusCode());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (openNow() != 0.0 && System.nanoTime() < deadline) {
            Thread.sleep(10); // @OnClose runs on the server after the client has its close frame
        }
        assertEquals(0.0, openNow(), "connections open on the server 10 s after both closed");

        // opened, closed with 1000, handler errors
        assertEquals(List.of(2L, 1L, 1L), counted().subList(4, 7));
    }

    @Test
    void refusedHandshakesAreCountedByStatus() {
        for (int i = 0; i < 2; i++) {
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> JdkClient.connect(http, Servers.uri(server, "/metered/" + MeteredEndpoint.REFUSED_ROOM)));
            assertEquals(403, assertInstanceOf(WebSocketHandshakeException.class, refused.getCause())
                    .getResponse().statusCode());
        }

        assertEquals(2L, counted().get(7), "refused with 403");
        assertEquals(0L, counted().get(4), "opened");
    }

    @Test
    void withoutARegistryNothingIsCounted() throws Exception {
        try (WebSocketServer plain = Servers.start(new MeteredEndpoint_WebSocketEndpoint())) {
            JdkClient client = JdkClient.connect(http, Servers.uri(plain, "/metered/lobby"));
            assertEquals("hello", client.send("hello").nextMessage());
            client.close(1000, "");
            client.awaitClose();
        }

        assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L), counted(), "metrics are off unless a registry is given");
    }
}
