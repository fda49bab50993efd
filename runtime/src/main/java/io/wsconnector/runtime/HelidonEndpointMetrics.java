package io.wsconnector.runtime;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.wsconnector.runtime.protocol.EndpointMetrics;

/**
 * Counts one endpoint's connections and messages in a Helidon {@link MeterRegistry} (which Micrometer can
 * back), tagged with the endpoint's path template, never a request's path. The meters counted per message
 * are looked up once, when the server is built; those of rarer events (a close code, a refused status) once
 * per new tag value.
 *
 * <p>Messages and their bytes come in sums, collected from the connections on the server's clock
 * (the protocol layer's {@code MessageCounts}): a data message shows in {@value #MESSAGES} and
 * {@value #MESSAGE_BYTES} within a tick (100 ms).
 */
final class HelidonEndpointMetrics implements EndpointMetrics {
    static final String CONNECTIONS_OPENED = "wsconnector.connections.opened";
    static final String CONNECTIONS_CLOSED = "wsconnector.connections.closed";
    static final String CONNECTIONS_OPEN = "wsconnector.connections.open";
    static final String HANDSHAKES_REFUSED = "wsconnector.handshakes.refused";
    static final String MESSAGES = "wsconnector.messages";
    static final String MESSAGE_BYTES = "wsconnector.message.bytes";
    static final String HANDLER_ERRORS = "wsconnector.handler.errors";
    static final String SEND_QUEUE_DROPPED = "wsconnector.send.queue.dropped";
    static final String SLOW_CONSUMER_CLOSES = "wsconnector.slow.consumer.closes";

    private final MeterRegistry registry;
    private final Tag endpoint;
    private final Counter opened;
    private final AtomicLong open = new AtomicLong();
    private final Gauge<Long> openGauge;
    private final Counter messagesIn;
    private final Counter bytesIn;
    private final Counter messagesOut;
    private final Counter bytesOut;
    private final Counter handlerErrors;
    private final Counter dropped;
    private final Counter slowConsumerCloses;
    private final ConcurrentHashMap<Integer, Counter> closedByCode = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, Counter> refusedByStatus = new ConcurrentHashMap<>();

    /**
     * Registers the endpoint's meters.
     *
     * @param registry     where
     * @param endpointPath the endpoint's path or path template, as declared: the {@code endpoint} tag
     */
    HelidonEndpointMetrics(MeterRegistry registry, String endpointPath) {
        this.registry = registry;
        this.endpoint = Tag.create("endpoint", endpointPath);
        this.opened = counter(CONNECTIONS_OPENED, "WebSocket connections opened", List.of(endpoint));
        this.openGauge = registry.getOrCreate(Gauge.builder(CONNECTIONS_OPEN, open::get)
                .description("WebSocket connections open now")
                .tags(List.of(endpoint)));
        this.messagesIn = direction(MESSAGES, "in", "Data messages received or sent");
        this.messagesOut = direction(MESSAGES, "out", "Data messages received or sent");
        this.bytesIn = direction(MESSAGE_BYTES, "in", "Payload bytes of the data messages received or sent");
        this.bytesOut = direction(MESSAGE_BYTES, "out", "Payload bytes of the data messages received or sent");
        this.handlerErrors = counter(HANDLER_ERRORS, "Exceptions thrown by handlers, or stages they returned that "
                + "failed, handled by @OnError or not", List.of(endpoint));
        this.dropped = counter(SEND_QUEUE_DROPPED, "Messages dropped from full send queues (DROP_NEWEST, DROP_OLDEST)",
                List.of(endpoint));
        this.slowConsumerCloses = counter(SLOW_CONSUMER_CLOSES, "Sessions closed with 1008 because their send queue "
                + "was full (CLOSE)", List.of(endpoint));
    }

    @Override
    public void handshakeRefused(int status) {
        refusedByStatus.computeIfAbsent(status, any -> counter(HANDSHAKES_REFUSED,
                "WebSocket handshakes refused, by HTTP status", List.of(endpoint,
                        Tag.create("status", Integer.toString(status))))).increment();
    }

    @Override
    public void opened() {
        opened.increment();
        open.incrementAndGet();
    }

    @Override
    public void closed(int code) {
        open.decrementAndGet();
        closedByCode.computeIfAbsent(code, any -> counter(CONNECTIONS_CLOSED,
                "WebSocket connections closed, by the close code @OnClose got", List.of(endpoint,
                        Tag.create("code", Integer.toString(code))))).increment();
    }

    @Override
    public void messagesIn(long messages, long payloadBytes) {
        messagesIn.increment(messages);
        bytesIn.increment(payloadBytes);
    }

    @Override
    public void messagesOut(long messages, long payloadBytes) {
        messagesOut.increment(messages);
        bytesOut.increment(payloadBytes);
    }

    @Override
    public void handlerFailed() {
        handlerErrors.increment();
    }

    @Override
    public void dropped(int messages) {
        dropped.increment(messages);
    }

    @Override
    public void slowConsumerClosed() {
        slowConsumerCloses.increment();
    }

    /**
     * The server stops: its gauge of open connections goes (a gauge reads this server's state; counters
     * stay, and a server built later with the same registry counts on in them).
     */
    void unregister() {
        registry.remove(openGauge);
    }

    private Counter direction(String name, String direction, String description) {
        return counter(name, description, List.of(endpoint, Tag.create("direction", direction)));
    }

    private Counter counter(String name, String description, List<Tag> tags) {
        return registry.getOrCreate(Counter.builder(name).description(description).tags(tags));
    }
}
