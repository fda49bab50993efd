package io.wsconnector.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.wsconnector.cluster.redis.RedisProcess;
import org.HdrHistogram.Histogram;
import redis.clients.jedis.Jedis;

/**
 * The cluster scenario (issue 13): one {@code redis-server} on a free port and three nodes (A, B, C), each a
 * server JVM ({@link ClusterServers}); one sender on node A and {@value #RECEIVERS} receivers spread over the
 * three nodes in turn (100 each), {@value #PAYLOAD}-byte messages, every delivery checked in order and byte for
 * byte by {@link FanOutLoad}. Four variants, interleaved round after round (odd rounds ours first, even rounds
 * hand first, then hand-blocking and the one node):
 * <ul>
 *     <li>{@code ours}: the nodes joined with {@code wsconnector-cluster-redis};</li>
 *     <li>{@code hand}: the same endpoint without it, and the fan-out written by hand with Jedis ({@link HandRelay}):
 *     the handler queues, a publisher thread publishes in pipelines; the baseline of the target (ours ≥ 0.97×);</li>
 *     <li>{@code hand-blocking}: the same, but the handler publishes itself, one round trip per message;</li>
 *     <li>{@code single}: all connections on one node, no Redis.</li>
 * </ul>
 * The load is scenario 7's, closed-loop: the sender keeps {@code --fanout-window} messages (16) in flight, sending
 * message {@code n} once message {@code n - window} has reached every receiver, so each variant runs as fast as it
 * can without any queue growing (Redis pub/sub drops what a subscriber's output buffer cannot hold: an open-loop
 * rate would measure that limit, not the relay). Measured over the window: deliveries per second, send → receipt
 * latency, CPU per delivery of all the scenario's processes (nodes and Redis), and Redis's traffic per message
 * sent ({@link RedisTraffic}).
 *
 * <p>Then the rooms count, ours only: node C has a member in each of 100 rooms, node B in one of them, and node A
 * broadcasts {@value #ROOM_MESSAGES} messages to the rooms in turn; B's module counts what it received.
 *
 * <p>{@code java -cp bench/target/wsconnector-bench.jar io.wsconnector.bench.ClusterBench [--quick] [--rounds N]
 * [--warmup S] [--seconds S] [--fanout-window N] [--verbose]} prints the table and writes
 * {@code cluster-summary.md} ({@code quick-cluster-summary.md}) to the results folder.
 */
public final class ClusterBench {
    static final int PAYLOAD = 64;
    static final int RECEIVERS = 300;
    private static final List<String> NODES = List.of("A", "B", "C");
    private static final int ROOM_MESSAGES = 10_000;
    private static final String LONE_ROOM = "r7";
    private static final List<String> METRICS = List.of("deliveries_per_s", "p50_us", "p99_us",
            "cpu_us_per_delivery", "publishing_cpu_us_per_msg", "receiving_cpu_us_per_msg", "redis_in_bytes_per_msg",
            "redis_out_bytes_per_msg", "publishes_per_msg", "redis_reads_per_msg", "redis_writes_per_msg",
            "client_cpu_pct");
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("deliveries_per_s", "deliveries/s (300 receivers)"),
            Map.entry("p50_us", "latency p50, send → receipt (µs)"),
            Map.entry("p99_us", "latency p99, send → receipt (µs)"),
            Map.entry("cpu_us_per_delivery", "CPU per delivery, all nodes + Redis (µs)"),
            Map.entry("publishing_cpu_us_per_msg", "relay: publishing thread's CPU per message (µs)"),
            Map.entry("receiving_cpu_us_per_msg", "relay: subscriber threads' CPU per message, 3 nodes (µs)"),
            Map.entry("redis_in_bytes_per_msg", "Redis bytes in per message"),
            Map.entry("redis_out_bytes_per_msg", "Redis bytes out per message"),
            Map.entry("publishes_per_msg", "PUBLISH per message"),
            Map.entry("redis_reads_per_msg", "Redis socket reads per message (1 ÷ publish batch)"),
            Map.entry("redis_writes_per_msg", "Redis socket writes per message (3 subscribers)"),
            Map.entry("client_cpu_pct", "load generator busy (%)"));
    private static final Map<String, String> COLUMNS = Map.of("ours", "ours (3 nodes)", "hand",
            "hand relay, queued (3 nodes)", "hand-blocking", "hand relay, blocking (3 nodes)", "single", "one node");

    private final Options options;

    private ClusterBench(Options options) {
        this.options = options;
    }

    /**
     * Runs the scenario.
     *
     * @param args the bench's options ({@code --quick}, {@code --rounds}, {@code --warmup}, {@code --seconds},
     *             {@code --fanout-window}, {@code --out}, {@code --verbose}…)
     * @throws IOException if the results cannot be written
     */
    public static void main(String[] args) throws IOException {
        new ClusterBench(Options.parse(args)).run();
        System.exit(0); // the JDK WebSocket clients' threads must not keep the JVM alive
    }

    private void run() throws IOException {
        String date = ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        String loadBefore = BenchMain.loadAverage();
        Map<String, Map<String, List<Double>>> values = new LinkedHashMap<>();
        RoomCount rooms;
        try (RedisProcess redis = RedisProcess.start(); Jedis info = redis.client()) {
            for (int round = 1; round <= options.rounds; round++) {
                List<String> order = round % 2 == 1 ? List.of("ours", "hand", "hand-blocking", "single")
                        : List.of("hand", "ours", "hand-blocking", "single");
                for (String variant : order) {
                    Map<String, Double> measured = broadcast(variant, round, redis.uri(), info);
                    System.out.printf(Locale.ROOT, "round %d %-6s %s%n", round, variant, measured);
                    measured.forEach((metric, value) -> values.computeIfAbsent(variant, v -> new LinkedHashMap<>())
                            .computeIfAbsent(metric, m -> new ArrayList<>()).add(value));
                }
            }
            rooms = rooms(redis.uri(), info);
            System.out.println(rooms.describe());
        }
        String table = table(values);
        System.out.println();
        System.out.print(table);
        Path file = options.out.resolve((options.quick ? "quick-" : "") + "cluster-summary.md");
        Files.createDirectories(options.out);
        Files.writeString(file, summary(date, loadBefore, BenchMain.loadAverage(), table, rounds(values), rooms));
        System.out.println("wrote " + file);
    }

    // ------------------------------------------------------------------ the broadcast

    private Map<String, Double> broadcast(String variant, int round, String redisUri, Jedis info) {
        List<ServerProcess> nodes = startNodes(variant, variant.equals("single") ? 1 : NODES.size(), redisUri,
                "cluster-" + variant + "-r" + round);
        try {
            List<Integer> ports = nodes.stream().map(node -> node.awaitReady(Scenarios.READY_TIMEOUT)).toList();
            FanOutLoad.Config config = FanOutLoad.Config.of(Options.HOST, ports.get(0), RECEIVERS, PAYLOAD,
                    options.fanoutWindow, false).withPath(ClusterBroadcast.PATH).withReceiverPorts(ports);
            try (FanOutLoad load = FanOutLoad.start(config)) {
                load.awaitOpen(Scenarios.OPEN_TIMEOUT);
                load.sync(Scenarios.SYNC_TIMEOUT); // through Redis too: every node's subscription is in place
                verbose(variant + " r" + round + ": " + (RECEIVERS + 1) + " connections open and registered");
                Thread.sleep(100); // the last sync messages sent are through
                RedisTraffic before = RedisTraffic.read(info);
                load.resume();
                load.sleepChecking(options.warmup);
                awaitOrFail(() -> load.completed() >= 2L * options.fanoutWindow, Scenarios.OPEN_TIMEOUT, load,
                        () -> "only " + load.completed() + " messages reached every receiver in the warm-up");

                long[] cpu0 = cpuNanos(nodes);
                long[] relay0 = relayCpuNanos(nodes);
                double redisCpu0 = RedisTraffic.read(info).cpuSeconds();
                long client0 = load.cpuNanos();
                long delivered0 = load.deliveries();
                load.intervalHistogram(); // drops the warm-up's
                long t0 = System.nanoTime();
                load.sleepChecking(options.measure);
                Histogram latencies = load.intervalHistogram();
                long delivered = load.deliveries() - delivered0;
                long t1 = System.nanoTime();
                long client1 = load.cpuNanos();
                double redisCpu = RedisTraffic.read(info).cpuSeconds() - redisCpu0;
                long[] relay1 = relayCpuNanos(nodes);
                long relay = relay1[0] - relay0[0];
                long publishing = relay1[1] - relay0[1];
                double messagesInWindow = delivered / (double) RECEIVERS;
                long[] cpu1 = cpuNanos(nodes);
                long cpu = 0;
                StringBuilder perNode = new StringBuilder();
                for (int i = 0; i < nodes.size(); i++) {
                    cpu += cpu1[i] - cpu0[i];
                    perNode.append(NODES.get(i)).append(' ').append((cpu1[i] - cpu0[i]) / 1_000_000).append(" ms, ");
                }
                perNode.append("Redis ").append(Math.round(redisCpu * 1000)).append(" ms");

                load.pause();
                load.awaitDrained(Scenarios.DRAIN_TIMEOUT); // every message sent reached every receiver, checked
                load.check();
                // from the first message to the last: exactly the messages sent, none in flight at either end
                RedisTraffic redis = RedisTraffic.read(info).since(before);
                long messages = load.sent();
                List<String> stats = checkStats(variant, nodes);
                verbose(variant + " r" + round + ": " + load.sent() + " messages, " + load.deliveries()
                        + " deliveries, all in order; " + stats + "; CPU in the window: " + perNode);
                if (delivered == 0) {
                    throw new BenchException("no delivery in the measured window");
                }
                boolean viaRedis = !variant.equals("single");
                Map<String, Double> m = new LinkedHashMap<>();
                m.put("deliveries_per_s", delivered / ((t1 - t0) / 1e9));
                m.put("p50_us", latencies.getValueAtPercentile(50) / 1e3);
                m.put("p99_us", latencies.getValueAtPercentile(99) / 1e3);
                m.put("cpu_us_per_delivery", (cpu + (viaRedis ? redisCpu * 1e9 : 0)) / 1e3 / delivered);
                // hand-blocking publishes on the handler's thread: no thread of its own to measure
                m.put("publishing_cpu_us_per_msg", viaRedis && publishing > 0 ? publishing / 1e3 / messagesInWindow
                        : Double.NaN);
                m.put("receiving_cpu_us_per_msg", viaRedis ? (relay - publishing) / 1e3 / messagesInWindow
                        : Double.NaN);
                m.put("redis_in_bytes_per_msg", viaRedis ? (double) redis.inputBytes() / messages : Double.NaN);
                m.put("redis_out_bytes_per_msg", viaRedis ? (double) redis.outputBytes() / messages : Double.NaN);
                m.put("publishes_per_msg", viaRedis ? (double) redis.publishes() / messages : Double.NaN);
                m.put("redis_reads_per_msg", viaRedis ? (double) redis.reads() / messages : Double.NaN);
                m.put("redis_writes_per_msg", viaRedis ? (double) redis.writes() / messages : Double.NaN);
                m.put("client_cpu_pct", client0 < 0 ? Double.NaN : 100.0 * (client1 - client0) / (t1 - t0));
                return m;
            } catch (IOException e) {
                throw new BenchException("load generator: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchException("interrupted", e);
            }
        } finally {
            nodes.forEach(ServerProcess::close);
        }
    }

    /**
     * The nodes' counts after the load: ours' module must have lost and dropped nothing (the load generator
     * would have failed on a lost message anyway; this says where).
     */
    private static List<String> checkStats(String variant, List<ServerProcess> nodes) {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String stats = nodes.get(i).command("stats", "STATS", Scenarios.COMMAND_TIMEOUT);
            all.add(NODES.get(i) + ": " + stats.substring("STATS ".length()));
            if (variant.equals("ours") && (!ServerProcess.field(stats, "lost").equals("0")
                    || !ServerProcess.field(stats, "dropped").equals("0"))) {
                throw new BenchException("node " + NODES.get(i) + " lost or dropped messages: " + stats);
            }
        }
        return all;
    }

    // ------------------------------------------------------------------ 1 of 100 rooms

    /**
     * What the rooms count found.
     *
     * @param published     messages node A published (one per room message)
     * @param loneReceived  messages node B's module received (its one member's room)
     * @param loneGot       messages B's member got
     * @param busyReceived  messages node C's module received (members in every room)
     * @param busyGot       messages C's 100 members got in all
     * @param outBytesPerMessage Redis's bytes out per message published
     */
    private record RoomCount(long published, long loneReceived, long loneGot, long busyReceived, long busyGot,
                             double outBytesPerMessage) {
        double lonePercent() {
            return 100.0 * loneReceived / published;
        }

        String describe() {
            return String.format(Locale.ROOT, "rooms: node A published %,d messages to 100 rooms in turn; node B "
                    + "(a member in 1 room) received %,d (%.2f %%), its member got %,d; node C (members in all 100) "
                    + "received %,d, its members got %,d; Redis wrote %.0f bytes per message", published,
                    loneReceived, lonePercent(), loneGot, busyReceived, busyGot, outBytesPerMessage);
        }
    }

    private RoomCount rooms(String redisUri, Jedis info) {
        List<ServerProcess> nodes = startNodes("ours", NODES.size(), redisUri, "cluster-rooms");
        HttpClient http = HttpClient.newHttpClient();
        try {
            List<Integer> ports = nodes.stream().map(node -> node.awaitReady(Scenarios.READY_TIMEOUT)).toList();
            List<RoomClient> busy = new ArrayList<>();
            for (int room = 0; room < ClusterServers.ROOMS; room++) {
                busy.add(RoomClient.connect(http, ports.get(2), "r" + room));
            }
            RoomClient lone = RoomClient.connect(http, ports.get(1), LONE_ROOM);
            // its own channel, the endpoint's and the rooms': subscribed a moment after the sessions that need them
            await(() -> subscriptions(nodes.get(1)) >= 3 && subscriptions(nodes.get(2)) >= 2 + ClusterServers.ROOMS,
                    "nodes B and C subscribed to their rooms");
            RedisTraffic before = RedisTraffic.read(info);
            nodes.get(0).command("rooms " + ROOM_MESSAGES, "ROOMS", Scenarios.COMMAND_TIMEOUT);
            await(() -> busy.stream().mapToLong(RoomClient::received).sum() >= ROOM_MESSAGES
                    && lone.received() >= ROOM_MESSAGES / ClusterServers.ROOMS, "every member got its room's messages");
            Thread.sleep(300); // anything more (there must be nothing) would arrive now
            RedisTraffic traffic = RedisTraffic.read(info).since(before);
            String a = nodes.get(0).command("stats", "STATS", Scenarios.COMMAND_TIMEOUT);
            String b = nodes.get(1).command("stats", "STATS", Scenarios.COMMAND_TIMEOUT);
            String c = nodes.get(2).command("stats", "STATS", Scenarios.COMMAND_TIMEOUT);
            verbose("rooms: A " + a + "; B " + b + "; C " + c);
            long published = Long.parseLong(ServerProcess.field(a, "published"));
            return new RoomCount(published, Long.parseLong(ServerProcess.field(b, "received")), lone.received(),
                    Long.parseLong(ServerProcess.field(c, "received")),
                    busy.stream().mapToLong(RoomClient::received).sum(), (double) traffic.outputBytes() / published);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted", e);
        } finally {
            nodes.forEach(ServerProcess::close);
            http.close();
        }
    }

    private static int subscriptions(ServerProcess node) {
        return Integer.parseInt(ServerProcess.field(node.command("stats", "STATS", Scenarios.COMMAND_TIMEOUT),
                "subscriptions"));
    }

    /** A member of one room, counting the messages it gets (the JDK's WebSocket client: 101 of them, slowly). */
    private static final class RoomClient implements WebSocket.Listener {
        private final AtomicLong received = new AtomicLong();

        static RoomClient connect(HttpClient http, int port, String room) {
            RoomClient client = new RoomClient();
            http.newWebSocketBuilder().buildAsync(URI.create("ws://" + Options.HOST + ":" + port + "/rooms/" + room),
                    client).orTimeout(Scenarios.OPEN_TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
            return client;
        }

        long received() {
            return received.get();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (last) {
                received.incrementAndGet();
            }
            webSocket.request(1);
            return null;
        }
    }

    // ------------------------------------------------------------------ nodes

    /** Starts the nodes A, B, C (or A alone), all at once: they boot in parallel. */
    private List<ServerProcess> startNodes(String variant, int count, String redisUri, String label) {
        List<ServerProcess> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            nodes.add(ServerProcess.start(options, variant, "cluster", 0,
                    options.logs.resolve(label + "-" + NODES.get(i) + ".log"),
                    List.of("--redis", redisUri, "--node-id", NODES.get(i))));
        }
        return nodes;
    }

    /**
     * The CPU time of the relay's threads so far, all nodes together, and of their publishing threads alone
     * ({@link ClusterServers}' {@code relaycpu}).
     */
    private static long[] relayCpuNanos(List<ServerProcess> nodes) {
        long[] sum = new long[2];
        for (ServerProcess node : nodes) {
            String reply = node.command("relaycpu", "RELAYCPU", Scenarios.COMMAND_TIMEOUT);
            sum[0] += Long.parseLong(ServerProcess.field(reply, "nanos"));
            sum[1] += Long.parseLong(ServerProcess.field(reply, "publishing"));
        }
        return sum;
    }

    /** Each node's process CPU time so far. */
    private static long[] cpuNanos(List<ServerProcess> nodes) {
        long[] cpu = new long[nodes.size()];
        for (int i = 0; i < cpu.length; i++) {
            cpu[i] = Long.parseLong(ServerProcess.field(nodes.get(i).command("cpu", "CPU", Scenarios.COMMAND_TIMEOUT),
                    "nanos"));
        }
        return cpu;
    }

    private static void awaitOrFail(BooleanSupplier condition, Duration timeout, FanOutLoad load,
                                    Supplier<String> what) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new BenchException(what.get());
            }
            load.sleepChecking(Duration.ofMillis(10));
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + Scenarios.OPEN_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new BenchException("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    private void verbose(String what) {
        if (options.verbose) {
            System.out.println("      " + what);
        }
    }

    // ------------------------------------------------------------------ the report

    /**
     * The medians, ours ÷ each other variant (of the medians), and ours ÷ hand paired by round: the median of the
     * rounds' own ratios, which the machine's other load, changing from round to round, moves less.
     */
    private static String table(Map<String, Map<String, List<Double>>> values) {
        List<String> others = ClusterServers.VARIANTS.subList(1, ClusterServers.VARIANTS.size());
        StringBuilder table = new StringBuilder("| metric");
        ClusterServers.VARIANTS.forEach(variant -> table.append(" | ").append(COLUMNS.get(variant)));
        others.forEach(variant -> table.append(" | ours ÷ ").append(variant));
        table.append(" | ours ÷ hand, paired by round |\n|---")
                .append("|---:".repeat(ClusterServers.VARIANTS.size() + others.size() + 1)).append("|\n");
        for (String metric : METRICS) {
            List<Double> ours = values.get("ours").get(metric);
            table.append("| ").append(LABELS.get(metric));
            ClusterServers.VARIANTS.forEach(variant -> table.append(" | ")
                    .append(Report.num(Report.median(values.get(variant).get(metric)))));
            others.forEach(variant -> table.append(" | ")
                    .append(ratio(Report.median(ours), Report.median(values.get(variant).get(metric)))));
            List<Double> hand = values.get("hand").get(metric);
            List<Double> paired = new ArrayList<>();
            for (int r = 0; r < ours.size(); r++) {
                paired.add(ours.get(r) / hand.get(r));
            }
            table.append(" | ").append(ratio(Report.median(paired), 1)).append(" |\n");
        }
        return table.toString();
    }

    private static String ratio(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) || b == 0 ? "–" : String.format(Locale.ROOT, "%.3f", a / b);
    }

    /** Every round's deliveries/s and p99, for the spread. */
    private String rounds(Map<String, Map<String, List<Double>>> values) {
        StringBuilder rounds = new StringBuilder("| round");
        for (String metric : List.of("deliveries/s", "p99 (µs)")) {
            ClusterServers.VARIANTS.forEach(variant -> rounds.append(" | ").append(variant).append(' ').append(metric));
        }
        rounds.append(" |\n|---").append("|---:".repeat(2 * ClusterServers.VARIANTS.size())).append("|\n");
        for (int r = 0; r < options.rounds; r++) {
            rounds.append("| ").append(r + 1);
            for (String metric : List.of("deliveries_per_s", "p99_us")) {
                for (String variant : ClusterServers.VARIANTS) {
                    rounds.append(" | ").append(Report.num(values.get(variant).get(metric).get(r)));
                }
            }
            rounds.append(" |\n");
        }
        return rounds.toString();
    }

    private String summary(String date, String loadBefore, String loadAfter, String table, String rounds,
                           RoomCount rooms) {
        return "# Cluster scenario (issue 13)\n\n"
                + "`java -cp bench/target/wsconnector-bench.jar io.wsconnector.bench.ClusterBench "
                + String.join(" ", options.commandLine) + "`\n\n"
                + date + ", " + (options.quick ? "quick smoke run (meaningless figures)" : "full run") + "; "
                + BenchMain.machine() + "; load average " + loadBefore + " before, " + loadAfter + " after; "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + "; every server JVM " + String.join(" ", options.serverJvmArgs) + ".\n\n"
                + "One `redis-server` (`--save \"\" --appendonly no`, loopback) and three node JVMs A, B, C; one "
                + "sender on "
                + "A and " + RECEIVERS + " receivers spread over A, B, C in turn (100 each); " + PAYLOAD + "-byte text "
                + "messages, " + options.fanoutWindow + " in flight (closed loop: message n leaves once message n − "
                + options.fanoutWindow + " reached every receiver); every delivery checked in order and byte for "
                + "byte (any loss, reordering or change fails the run). Medians of " + options.rounds + " round(s), "
                + "each variant in fresh JVMs, ours and hand alternating first; " + options.warmup.toMillis()
                + " ms warm-up, " + options.measure.toMillis() + " ms measured. The last column is the median of "
                + "each round's own ours ÷ hand (the two ran back to back), which the machine's other load, changing "
                + "from round to round, moves less than the ratio of the medians. CPU is the nodes' and Redis's "
                + "process CPU over the window; Redis bytes are `total_net_input_bytes`/`total_net_output_bytes` "
                + "deltas from the first message sent to the last one received (RESP included, heartbeats and "
                + "presence too, and the `INFO` readings, about 3 KB) ÷ messages sent. The relay rows are the CPU "
                + "time of the relay's own threads over the window ÷ messages: the publishing thread (the module's "
                + "`wsconnector-redis-writer`"
                + ", the hand relay's `hand-relay-publisher`; the blocking hand relay has none, it publishes on the "
                + "handler's thread) and the three subscriber threads (each includes handing every message to the "
                + "runtime, which queues it for the node's 100 sessions).\n\n"
                + "- **ours**: `ClusterBroadcast` (`session.sessions().broadcastText(message, session)`) on three "
                + "nodes joined with `RedisCluster` (`wsconnector-cluster-redis`).\n"
                + "- **hand relay, queued** (`hand`, the baseline of the target): the same endpoint on three nodes "
                + "without a cluster, plus `HandRelay`: the handler puts `nodeId + \"|\" + text` in a bounded queue "
                + "(65,536) and one publisher thread publishes what has accumulated (up to 1,024) in one Jedis "
                + "pipeline; one Jedis `subscribe` thread per node calls `WebSocketSessions.broadcastText(text)` for "
                + "other nodes' messages.\n"
                + "- **hand relay, blocking** (`hand-blocking`): the same, but the handler calls "
                + "`RedisClient.publish(channel, nodeId + \"|\" + text)` itself: one round trip per message on the "
                + "handler's virtual thread.\n"
                + "- **one node**: all " + (RECEIVERS + 1) + " connections on node A alone, no Redis.\n\n"
                + table + "\n### Rounds\n\n" + rounds + "\n### 1 of 100 busy rooms\n\n"
                + "Node C has a member in each room `r0`…`r99`, node B one member in `" + LONE_ROOM + "`; node A "
                + "broadcasts " + String.format(Locale.ROOT, "%,d", ROOM_MESSAGES) + " messages of " + PAYLOAD
                + " bytes to the rooms in turn (`room(\"r\" + i % 100).broadcastText(...)`).\n\n"
                + String.format(Locale.ROOT, "| | count |\n|---|---:|\n"
                        + "| messages A published | %,d |\n"
                        + "| received by B's module (`RedisClusterStats.received`) | %,d (**%.2f %%**) |\n"
                        + "| got by B's member | %,d |\n"
                        + "| received by C's module | %,d |\n"
                        + "| got by C's 100 members | %,d |\n"
                        + "| Redis bytes out per message | %.0f |\n",
                        rooms.published(), rooms.loneReceived(), rooms.lonePercent(), rooms.loneGot(),
                        rooms.busyReceived(), rooms.busyGot(), rooms.outBytesPerMessage());
    }
}
