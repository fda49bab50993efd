package io.wsconnector.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * One measured run of one scenario against one server, each in a fresh server JVM.
 */
final class Scenarios {
    static final int THROUGHPUT_CONNECTIONS = 64;
    static final int THROUGHPUT_PIPELINE = 8;
    static final int SMALL_PAYLOAD = 64;
    static final int LARGE_CONNECTIONS = 16;
    static final int LARGE_PIPELINE = 4;
    static final int LARGE_PAYLOAD = 16 * 1024;
    /** Scenario 9: scenario 1's connections and pipeline, 1 KiB of JSON-like text, permessage-deflate agreed. */
    static final int DEFLATE_PAYLOAD = 1024;
    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    static final Duration OPEN_TIMEOUT = Duration.ofSeconds(60);
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(15);
    /** Scenario 7: one sender, this many receivers, 64-byte text messages. */
    static final int FANOUT_RECEIVERS = 1000;
    static final int FANOUT_PAYLOAD = 64;
    /**
     * Messages in flight at most in scenarios 7 and 8: the sender sends message n once message n − window has
     * reached every receiver, so the server always has work and no queue holds more than this many messages.
     */
    static final int FANOUT_WINDOW = 16;
    /** Scenario 8: this many normal receivers, 1 KiB text messages, and a client that stops reading. */
    static final int SLOW_RECEIVERS = 100;
    static final int SLOW_PAYLOAD = 1024;
    static final Duration SYNC_TIMEOUT = Duration.ofSeconds(30);
    /** Scenario 8: the slow client is done once nothing more has come for this long (or its connection ended). */
    static final Duration SLOW_QUIET = Duration.ofSeconds(2);
    static final Duration SLOW_MAX_WAIT = Duration.ofSeconds(30);
    /**
     * Scenario 8: messages sent before the warm-up, 8 MiB to each client: more than the slow client's TCP
     * buffers hold on loopback (about 3 MiB here: its 4 KiB receive buffer, and the server's send buffer, which
     * Linux grows up to {@code net.ipv4.tcp_wmem}'s 4 MiB) plus ours' 1 MiB queue limit, so that the measured
     * window starts once every server has had to deal with the slow client.
     */
    static final int SLOW_PREFILL_MESSAGES = 8192;
    /** With {@code --quick}: 4 MiB, just over the ~3 MiB of TCP buffers and the 1 MiB queue limit. */
    static final int SLOW_PREFILL_MESSAGES_QUICK = 4096;
    /** Scenario 8: the pre-load ends early when no message has reached every receiver for this long. */
    static final Duration SLOW_STALL = Duration.ofSeconds(1);

    private final Options options;
    private long runStart;
    private String runLabel;
    /** Remarks for the report (e.g. the allocation probe), in order. */
    final List<String> notes = new ArrayList<>();
    /** What the last run saw that is not a number (scenario 8: the slow client's fate), for the report. */
    final List<String> observations = new ArrayList<>();

    Scenarios(Options options) {
        this.options = options;
    }

    static String describe(int scenario, Options o) {
        return switch (scenario) {
            case 1 -> THROUGHPUT_CONNECTIONS + " connections × pipeline " + THROUGHPUT_PIPELINE + " × " + SMALL_PAYLOAD
                    + " B text";
            case 2 -> "1 connection × pipeline 1 × " + SMALL_PAYLOAD + " B text";
            case 3 -> LARGE_CONNECTIONS + " connections × pipeline " + LARGE_PIPELINE + " × 16 KiB " + o.largeKind;
            case 4 -> o.idleConnections + " connections held open: heap after GC and RSS, (after − before) / "
                    + o.idleConnections + ", right after the handshakes and again after one echo on each";
            case 5 -> "process start to the first accepted WebSocket handshake";
            case 6 -> "server bytes allocated per echo, scenario 1's load";
            case 7 -> "1 sender → broadcast → " + FANOUT_RECEIVERS + " receivers (not the sender), " + FANOUT_PAYLOAD
                    + " B text, " + o.fanoutWindow + " messages in flight; deliveries/s and send-to-receipt latency, "
                    + "every delivery checked";
            case 8 -> "1 sender → " + SLOW_RECEIVERS + " receivers, " + SLOW_PAYLOAD / 1024 + " KiB text, "
                    + o.fanoutWindow + " in flight, twice in fresh servers: without and with a client that stops "
                    + "reading after its handshake (4 KiB SO_RCVBUF); a pre-load of "
                    + String.format(Locale.ROOT, "%,d", o.quick ? SLOW_PREFILL_MESSAGES_QUICK : SLOW_PREFILL_MESSAGES)
                    + " messages (ends early if no message reaches every receiver for " + SLOW_STALL.toSeconds()
                    + " s) before the warm-up; ours' send-queue limit "
                    + (o.sendQueueLimit % 1024 == 0 ? o.sendQueueLimit / 1024 + " KiB" : o.sendQueueLimit + " B")
                    + ", policy CLOSE (the default)";
            case 9 -> THROUGHPUT_CONNECTIONS + " connections × pipeline " + THROUGHPUT_PIPELINE + " × "
                    + DEFLATE_PAYLOAD / 1024 + " KiB JSON-like text, permessage-deflate offered as '"
                    + o.deflateMode.offer + "' and required; every echo inflated and checked; bytes on the wire "
                    + "counted at the load generator's sockets; then scenario 4 with " + o.idleConnections
                    + " connections (one " + DEFLATE_PAYLOAD / 1024 + " KiB echo each for the used figures) in a fresh "
                    + "server with deflate agreed, and again in another without the offer (ours' target: agreed − "
                    + "not offered ≤ 2 KiB in no-context mode); Helidon has no permessage-deflate and sits it out";
            default -> "?";
        };
    }

    Map<String, Double> run(int scenario, String server, String label) {
        return run(scenario, server, label, 1);
    }

    /** One run; {@code round} (from 1) decides the order of scenario 8's two runs. */
    Map<String, Double> run(int scenario, String server, String label, int round) {
        Path log = options.logs.resolve(label + ".log");
        runStart = System.nanoTime();
        runLabel = label;
        observations.clear();
        return switch (scenario) {
            case 1 -> load(server, log, THROUGHPUT_CONNECTIONS, THROUGHPUT_PIPELINE, SMALL_PAYLOAD, PayloadKind.TEXT, true);
            case 2 -> load(server, log, 1, 1, SMALL_PAYLOAD, PayloadKind.TEXT, false);
            case 3 -> load(server, log, LARGE_CONNECTIONS, LARGE_PIPELINE, LARGE_PAYLOAD, options.largeKind, true);
            case 4 -> idle(server, log, "echo", SMALL_PAYLOAD, PayloadKind.TEXT, null);
            case 5 -> startup(server, log);
            case 6 -> allocation(server, log, label);
            case 7 -> fanout(server, log);
            case 8 -> slowConsumer(server, label, round);
            case 9 -> deflate(server, label);
            default -> throw new IllegalArgumentException("no scenario " + scenario);
        };
    }

    // ------------------------------------------------------------------ 1, 2, 3: load

    private Map<String, Double> load(String server, Path log, int connections, int pipeline, int payload,
                                     PayloadKind kind, boolean throughput) {
        return load(server, log, "echo", LoadGenerator.Config.of(Options.HOST, 0, connections, pipeline, payload, kind),
                throughput);
    }

    /**
     * A load run against the {@code app} server, with {@code shape}'s connections, pipeline, payload and deflate
     * (its host and port are replaced). Also measures the bytes on the wire per echo each way, from the first
     * message sent to the last echo back (handshakes and close frames left out).
     */
    private Map<String, Double> load(String server, Path log, String app, LoadGenerator.Config shape,
                                     boolean throughput) {
        try (ServerProcess process = ServerProcess.start(options, server, app, 0, log)) {
            int port = process.awaitReady(READY_TIMEOUT);
            phase("server ready on port " + port);
            try (LoadGenerator gen = LoadGenerator.start(LoadGenerator.Config.of(Options.HOST, port,
                    shape.connections(), shape.pipeline(), shape.payloadBytes(), shape.kind())
                    .withDeflate(shape.deflate()))) {
                gen.awaitOpen(OPEN_TIMEOUT);
                phase(shape.connections() + " connections open; warming up");
                long sent0 = gen.bytesSent();
                long received0 = gen.bytesReceived();
                gen.resume();
                gen.sleepChecking(options.warmup);
                phase("measuring");
                long cpu0 = serverCpu(process);
                long client0 = gen.cpuNanos();
                gen.intervalHistogram(); // discards the warm-up
                long t0 = System.nanoTime();
                gen.sleepChecking(options.measure);
                Histogram h = gen.intervalHistogram();
                long t1 = System.nanoTime();
                long client1 = gen.cpuNanos();
                long cpu1 = serverCpu(process);
                gen.pause();
                phase("measured; draining");
                gen.awaitDrained(DRAIN_TIMEOUT); // every message sent has come back and been checked
                long echoes = gen.echoed();
                long sent = gen.bytesSent() - sent0;
                long received = gen.bytesReceived() - received0;
                phase("drained; closing");
                gen.check();
                if (h.getTotalCount() == 0) {
                    throw new BenchException("no echo in the measured window");
                }
                if (shape.deflate() != null && gen.uncompressedEchoes() > 0) {
                    throw new BenchException("the server sent " + gen.uncompressedEchoes() + " of " + echoes
                            + " echoes uncompressed: the bytes on the wire would not be those of compression");
                }
                Map<String, Double> m = new LinkedHashMap<>();
                m.put("msgs_per_s", h.getTotalCount() / ((t1 - t0) / 1e9));
                m.put("p50_us", h.getValueAtPercentile(50) / 1e3);
                m.put("p99_us", h.getValueAtPercentile(99) / 1e3);
                if (!throughput) {
                    m.put("p999_us", h.getValueAtPercentile(99.9) / 1e3);
                }
                m.put("server_cpu_us_per_msg", (cpu1 - cpu0) / 1e3 / h.getTotalCount());
                m.put("client_cpu_pct", client0 < 0 ? Double.NaN : 100.0 * (client1 - client0) / (t1 - t0));
                m.put("wire_out_bytes_per_msg", (double) sent / echoes);
                m.put("wire_in_bytes_per_msg", (double) received / echoes);
                return m;
            } catch (IOException e) {
                throw new BenchException("load generator: " + e, e);
            }
        }
    }

    // ------------------------------------------------------------------ 4: idle connections

    /**
     * Scenario 4 against the {@code app} server: its connections (and the warm-up's) send {@code payload}-byte
     * messages of {@code kind}, offering permessage-deflate in {@code deflate}'s mode (null: not offered).
     */
    private Map<String, Double> idle(String server, Path log, String app, int payload, PayloadKind kind,
                                     DeflateMode deflate) {
        int n = options.idleConnections;
        try (ServerProcess process = ServerProcess.start(options, server, app, 0, log)) {
            int port = process.awaitReady(READY_TIMEOUT);
            phase("server ready on port " + port);
            // warm-up: the classes and threads a connection needs exist before the baseline
            int warm = Math.min(100, n);
            try (LoadGenerator gen = LoadGenerator.start(LoadGenerator.Config.of(Options.HOST, port, warm, 1,
                    payload, kind).withMessagesPerConnection(20).withDeflate(deflate))) {
                gen.awaitOpen(OPEN_TIMEOUT);
                gen.resume();
                gen.awaitEchoed(20L * warm, DRAIN_TIMEOUT);
            }
            sleep(300); // let the server see the warm-up connections close
            phase("warm-up connections closed");
            String before = process.command("gc", "GC", COMMAND_TIMEOUT);
            phase("baseline " + before);
            LoadGenerator.Config config = LoadGenerator.Config.of(Options.HOST, port, n, 1, payload, kind)
                    .withMessagesPerConnection(1).withDeflate(deflate); // sent only on resume()
            try (LoadGenerator gen = LoadGenerator.start(config)) {
                gen.awaitOpen(OPEN_TIMEOUT.multipliedBy(2));
                phase(n + " connections open");
                sleep(300); // the server may still be setting up the last ones after its 101
                String idle = process.command("gc", "GC", COMMAND_TIMEOUT);
                phase("with the idle connections " + idle);
                gen.check();
                gen.resume(); // then one echo on each: what a connection keeps once it has been used
                gen.awaitEchoed(n, DRAIN_TIMEOUT.multipliedBy(2));
                phase("one echo on each");
                gen.pause();
                gen.awaitDrained(DRAIN_TIMEOUT);
                sleep(300);
                String used = process.command("gc", "GC", COMMAND_TIMEOUT);
                phase("after one echo on each " + used + "; closing them");
                gen.check();
                if (!process.isAlive()) {
                    throw new BenchException("the server died while holding the connections");
                }
                Map<String, Double> m = new LinkedHashMap<>();
                m.put("heap_per_conn_kib", perConnectionKib(before, idle, "heapUsed", n));
                m.put("rss_per_conn_kib", perConnectionKib(before, idle, "rss", n));
                m.put("heap_per_used_conn_kib", perConnectionKib(before, used, "heapUsed", n));
                m.put("rss_per_used_conn_kib", perConnectionKib(before, used, "rss", n));
                return m;
            } catch (IOException e) {
                throw new BenchException("load generator: " + e, e);
            }
        } catch (IOException e) {
            throw new BenchException("load generator: " + e, e);
        }
    }

    // ------------------------------------------------------------------ 9: permessage-deflate

    /**
     * Scenario 9, in three fresh servers agreeing to permessage-deflate in {@code --deflate-mode}: scenario 1's
     * load with 1 KiB JSON-like messages, compressed both ways; scenario 4 with the offer; scenario 4 without it,
     * the uncompressed figure the memory target is measured against.
     */
    private Map<String, Double> deflate(String server, String label) {
        DeflateMode mode = options.deflateMode;
        Map<String, Double> m = new LinkedHashMap<>(load(server, options.logs.resolve(label + ".log"), "deflate",
                LoadGenerator.Config.of(Options.HOST, 0, THROUGHPUT_CONNECTIONS, THROUGHPUT_PIPELINE,
                        DEFLATE_PAYLOAD, PayloadKind.JSON).withDeflate(mode), true));
        Map<String, Double> agreed = idle(server, options.logs.resolve(label + "-idle.log"), "deflate",
                DEFLATE_PAYLOAD, PayloadKind.JSON, mode);
        Map<String, Double> plain = idle(server, options.logs.resolve(label + "-idle-plain.log"), "deflate",
                DEFLATE_PAYLOAD, PayloadKind.JSON, null);
        m.putAll(agreed);
        m.put("plain_heap_per_conn_kib", plain.get("heap_per_conn_kib"));
        m.put("deflate_heap_extra_kib", agreed.get("heap_per_conn_kib") - plain.get("heap_per_conn_kib"));
        return m;
    }

    // ------------------------------------------------------------------ 5: startup

    private Map<String, Double> startup(String server, Path log) {
        int port = freePort();
        try (ServerProcess process = ServerProcess.start(options, server, port, log)) {
            long deadline = process.startNanos() + TimeUnit.SECONDS.toNanos(60);
            long accepted = -1;
            int attempts = 0;
            while (System.nanoTime() - deadline < 0) {
                attempts++;
                if (LoadGenerator.handshakeOnce(Options.HOST, port, EchoServers.PATH, 200, 5000)) {
                    accepted = System.nanoTime();
                    break;
                }
                if (!process.isAlive()) {
                    throw new BenchException("the server exited before accepting a connection (see its log)");
                }
                sleep(2);
            }
            if (accepted < 0) {
                throw new BenchException("no WebSocket connection accepted within 60 s (" + attempts + " attempts)");
            }
            process.awaitReady(READY_TIMEOUT); // it said so too, on the port asked for
            if (process.port() != port) {
                throw new BenchException("the server listens on " + process.port() + ", not " + port);
            }
            return Map.of("startup_ms", (accepted - process.startNanos()) / 1e6);
        }
    }

    private static double perConnectionKib(String before, String after, String field, int connections) {
        double delta = Long.parseLong(ServerProcess.field(after, field)) - Long.parseLong(ServerProcess.field(before, field));
        return delta / connections / 1024;
    }

    private static long serverCpu(ServerProcess process) {
        return Long.parseLong(ServerProcess.field(process.command("cpu", "CPU", COMMAND_TIMEOUT), "nanos"));
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(Options.HOST))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new BenchException("no free port: " + e, e);
        }
    }

    // ------------------------------------------------------------------ 6: allocation

    private Map<String, Double> allocation(String server, Path log, String label) {
        try (ServerProcess process = ServerProcess.start(options, server, 0, log)) {
            int port = process.awaitReady(READY_TIMEOUT);
            phase("server ready on port " + port);
            String probe = process.command("allocprobe", "ALLOCPROBE", COMMAND_TIMEOUT);
            double expected = Double.parseDouble(ServerProcess.field(probe, "expected"));
            double counted = Double.parseDouble(ServerProcess.field(probe, "counted"));
            if (counted < 0.95 * expected || counted > 1.10 * expected) {
                notes.add(label + ": the allocation counter saw " + (long) counted + " bytes for a " + (long) expected
                        + "-byte allocation on a virtual thread: per-message figures are suspect");
            }
            try (LoadGenerator gen = LoadGenerator.start(LoadGenerator.Config.of(Options.HOST, port,
                    THROUGHPUT_CONNECTIONS, THROUGHPUT_PIPELINE, SMALL_PAYLOAD, PayloadKind.TEXT))) {
                gen.awaitOpen(OPEN_TIMEOUT);
                gen.resume();
                gen.sleepChecking(options.warmup);
                // quiesce, so that no message straddles the window's edges
                gen.pause();
                gen.awaitDrained(DRAIN_TIMEOUT);
                phase("warmed up and drained");
                long e0 = gen.echoed();
                long a0 = Long.parseLong(ServerProcess.field(process.command("alloc", "ALLOC", COMMAND_TIMEOUT), "bytes"));
                gen.resume();
                gen.sleepChecking(options.measure);
                gen.pause();
                gen.awaitDrained(DRAIN_TIMEOUT);
                long a1 = Long.parseLong(ServerProcess.field(process.command("alloc", "ALLOC", COMMAND_TIMEOUT), "bytes"));
                long e1 = gen.echoed();
                phase("measured and drained; closing");
                gen.check();
                if (e1 - e0 <= 0) {
                    throw new BenchException("no echo in the measured window");
                }
                return Map.of("alloc_bytes_per_msg", (double) (a1 - a0) / (e1 - e0));
            } catch (IOException e) {
                throw new BenchException("load generator: " + e, e);
            }
        }
    }

    // ------------------------------------------------------------------ 7, 8: fan-out

    /** One measured window of a fan-out load. */
    private record FanOutWindow(long deliveries, double seconds, Histogram latencies, long serverCpuNanos,
                                double clientCpuPct) {
        double deliveriesPerSecond() {
            return deliveries / seconds;
        }

        double serverCpuMicrosPerDelivery() {
            return deliveries == 0 ? Double.NaN : serverCpuNanos / 1e3 / deliveries;
        }

        double p99Micros() {
            return latencies.getTotalCount() == 0 ? Double.NaN : latencies.getValueAtPercentile(99) / 1e3;
        }
    }

    /**
     * Warms up for {@code --warmup}, and at least until {@code 2 × window} messages have reached every receiver
     * (a cold server may take longer than a short warm-up for its first messages to 1,000 receivers), then
     * measures deliveries, latencies and CPU over the measured window; the load keeps running.
     */
    private FanOutWindow measureFanOut(ServerProcess process, FanOutLoad load) {
        load.resume();
        load.sleepChecking(options.warmup);
        long end = System.nanoTime() + OPEN_TIMEOUT.toNanos();
        while (load.completed() < 2L * options.fanoutWindow && System.nanoTime() - end < 0) {
            load.sleepChecking(Duration.ofMillis(10));
        }
        if (load.completed() < 2L * options.fanoutWindow) {
            throw new BenchException("only " + load.completed() + " messages reached every receiver in "
                    + OPEN_TIMEOUT.toSeconds() + " s of warm-up");
        }
        phase("measuring");
        long cpu0 = serverCpu(process);
        long client0 = load.cpuNanos();
        long d0 = load.deliveries();
        load.intervalHistogram(); // discards the warm-up
        long t0 = System.nanoTime();
        load.sleepChecking(options.measure);
        Histogram h = load.intervalHistogram();
        long d1 = load.deliveries();
        long t1 = System.nanoTime();
        long client1 = load.cpuNanos();
        long cpu1 = serverCpu(process);
        phase("measured: " + (d1 - d0) + " deliveries");
        return new FanOutWindow(d1 - d0, (t1 - t0) / 1e9, h, cpu1 - cpu0,
                client0 < 0 ? Double.NaN : 100.0 * (client1 - client0) / (t1 - t0));
    }

    private Map<String, Double> fanout(String server, Path log) {
        try (ServerProcess process = ServerProcess.start(options, server, "broadcast", 0, log)) {
            int port = process.awaitReady(READY_TIMEOUT);
            phase("server ready on port " + port);
            try (FanOutLoad load = FanOutLoad.start(FanOutLoad.Config.of(Options.HOST, port, FANOUT_RECEIVERS,
                    FANOUT_PAYLOAD, options.fanoutWindow, false))) {
                load.awaitOpen(OPEN_TIMEOUT);
                phase((FANOUT_RECEIVERS + 1) + " connections open; syncing");
                load.sync(SYNC_TIMEOUT);
                phase("every receiver registered; warming up");
                FanOutWindow w = measureFanOut(process, load);
                load.pause();
                load.awaitDrained(DRAIN_TIMEOUT); // every message sent reached every receiver, checked
                phase("drained (" + load.sent() + " messages, " + load.deliveries() + " deliveries); closing");
                load.check();
                noteRetries(load, "");
                if (w.deliveries() == 0) {
                    throw new BenchException("no delivery in the measured window");
                }
                Map<String, Double> m = new LinkedHashMap<>();
                m.put("deliveries_per_s", w.deliveriesPerSecond());
                m.put("p50_us", w.latencies().getValueAtPercentile(50) / 1e3);
                m.put("p99_us", w.p99Micros());
                m.put("server_cpu_us_per_delivery", w.serverCpuMicrosPerDelivery());
                m.put("client_cpu_pct", w.clientCpuPct());
                return m;
            } catch (IOException e) {
                throw new BenchException("load generator: " + e, e);
            }
        }
    }

    /** What one run of scenario 8 measured. */
    private record SlowRun(FanOutWindow window, String memBefore, String memAfter, long sent, long prefilled,
                           double prefillSeconds, FanOutLoad.SlowOutcome outcome) {
        double heapGrowthMib() {
            return mib(field(memAfter, "heapUsed") - field(memBefore, "heapUsed"));
        }

        double offHeapGrowthMib() {
            return mib(field(memAfter, "offHeap") - field(memBefore, "offHeap"));
        }
    }

    /**
     * Scenario 8: the fan-out load of {@value #SLOW_RECEIVERS} receivers in a fresh server, and again in another
     * fresh server with a client that stops reading (in odd rounds in that order, in even rounds the other way
     * round); the same phases each time. See {@link #slowRun}.
     */
    private Map<String, Double> slowConsumer(String server, String label, int round) {
        // odd rounds without the slow client first, even rounds with it first: neither run is always the later one
        boolean withFirst = round % 2 == 0;
        Path slowLog = options.logs.resolve(label + "-with.log");
        SlowRun slow = withFirst ? slowRun(server, slowLog, true) : null;
        SlowRun base = slowRun(server, options.logs.resolve(label + "-without.log"), false);
        if (base.window().deliveries() == 0) {
            throw new BenchException("no delivery in the measured window without the slow client");
        }
        if (!withFirst) {
            slow = slowRun(server, slowLog, true);
        }
        FanOutWindow b = base.window();
        FanOutWindow w = slow.window();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("base_deliveries_per_s", b.deliveriesPerSecond());
        m.put("base_p99_us", b.p99Micros());
        m.put("slow_deliveries_per_s", w.deliveriesPerSecond());
        m.put("slow_p99_us", w.p99Micros());
        m.put("base_server_cpu_us_per_delivery", b.serverCpuMicrosPerDelivery());
        m.put("slow_server_cpu_us_per_delivery", w.serverCpuMicrosPerDelivery());
        m.put("rate_kept", w.deliveriesPerSecond() / b.deliveriesPerSecond());
        m.put("p99_kept", w.p99Micros() / b.p99Micros());
        m.put("base_heap_growth_mib", base.heapGrowthMib());
        m.put("heap_growth_mib", slow.heapGrowthMib());
        m.put("offheap_growth_mib", slow.offHeapGrowthMib());
        m.put("slow_msgs", (double) slow.outcome().messages());
        observations.add(String.format(Locale.ROOT, "pre-load: %,d messages in %.1f s without the slow client, "
                        + "%,d in %.1f s with it%s; deliveries/s without → with: %,.0f → %,.0f (p99 %s → %s µs); "
                        + "server heap after GC, before the load → end of the window: %s → %s MiB without, %s → %s "
                        + "MiB with the slow client; direct memory with it %s → %s MiB; the slow client: %s%s",
                base.prefilled(), base.prefillSeconds(), slow.prefilled(), slow.prefillSeconds(),
                slow.prefilled() < prefillMessages() ? " (the sender stalled: no message reached every "
                        + "receiver for " + SLOW_STALL.toMillis() + " ms)" : "",
                b.deliveriesPerSecond(), w.deliveriesPerSecond(), Report.num(b.p99Micros()),
                Report.num(w.p99Micros()),
                mem(base.memBefore(), "heapUsed"), mem(base.memAfter(), "heapUsed"),
                mem(slow.memBefore(), "heapUsed"), mem(slow.memAfter(), "heapUsed"),
                mem(slow.memBefore(), "offHeap"), mem(slow.memAfter(), "offHeap"),
                slow.outcome().describe(slow.sent()), serverSaid(slowLog)));
        return m;
    }

    /**
     * One run of scenario 8 in a fresh server: the receivers (and the slow client) connect and are registered;
     * the server's memory is measured ({@code mem}: heap after GC, direct memory); a pre-load of
     * {@value #SLOW_PREFILL_MESSAGES} messages (more than the slow client's TCP buffers and ours' queue limit
     * take), which ends early if the sender stalls; then the warm-up and the measured window as in scenario 7;
     * memory again, the slow client still reading nothing; the sender stops; the slow client reads what the
     * server kept for it; every normal receiver must have every message.
     */
    private SlowRun slowRun(String server, Path log, boolean slowClient) {
        String which = slowClient ? "with the slow client: " : "without the slow client: ";
        try (ServerProcess process = ServerProcess.start(options, server, "broadcast", 0, log)) {
            int port = process.awaitReady(READY_TIMEOUT);
            phase(which + "server ready on port " + port);
            try (FanOutLoad load = FanOutLoad.start(FanOutLoad.Config.of(Options.HOST, port, SLOW_RECEIVERS,
                    SLOW_PAYLOAD, options.fanoutWindow, slowClient))) {
                load.awaitOpen(OPEN_TIMEOUT);
                load.sync(SYNC_TIMEOUT);
                String before = process.command("mem", "MEM", COMMAND_TIMEOUT);
                phase(which + "registered, " + before);
                long p0 = System.nanoTime();
                load.resume();
                long prefilled = preload(load);
                double prefillSeconds = (System.nanoTime() - p0) / 1e9;
                phase(which + "pre-loaded " + prefilled + " messages");
                FanOutWindow window = measureFanOut(process, load);
                load.pause();
                sleep(300); // what is in flight to the normal receivers arrives
                String after = process.command("mem", "MEM", COMMAND_TIMEOUT); // the slow client still stuck
                phase(which + "end of the window, sender paused: " + after);
                long sent = load.sent();
                FanOutLoad.SlowOutcome outcome = null;
                if (slowClient) {
                    load.releaseSlowClient();
                    phase(which + "sender paused after " + sent + " messages; the slow client reads");
                }
                load.awaitDrained(DRAIN_TIMEOUT.multipliedBy(2)); // every normal receiver got every message
                if (slowClient) {
                    outcome = load.slowOutcome(SLOW_QUIET, SLOW_MAX_WAIT);
                    phase(which + outcome);
                }
                load.check();
                noteRetries(load, which);
                return new SlowRun(window, before, after, sent, prefilled, prefillSeconds, outcome);
            } catch (IOException e) {
                throw new BenchException("load generator: " + e, e);
            }
        }
    }

    /**
     * Sends until {@value #SLOW_PREFILL_MESSAGES} messages ({@value #SLOW_PREFILL_MESSAGES_QUICK} with
     * {@code --quick}) have gone out, or no message has reached every
     * receiver for {@link #SLOW_STALL} (a server that waits for the slow client); at most {@link #SLOW_MAX_WAIT}.
     *
     * @return the messages sent
     */
    private long preload(FanOutLoad load) {
        long end = System.nanoTime() + SLOW_MAX_WAIT.toNanos();
        long lastDeliveries = load.deliveries();
        long lastProgress = System.nanoTime();
        int messages = prefillMessages();
        while (load.sent() < messages && System.nanoTime() - end < 0) {
            load.sleepChecking(Duration.ofMillis(20));
            long d = load.deliveries();
            long now = System.nanoTime();
            if (d != lastDeliveries) {
                lastDeliveries = d;
                lastProgress = now;
            } else if (now - lastProgress > SLOW_STALL.toNanos()) {
                break;
            }
        }
        return load.sent();
    }

    private int prefillMessages() {
        return options.quick ? SLOW_PREFILL_MESSAGES_QUICK : SLOW_PREFILL_MESSAGES;
    }

    /** A server error answered to a handshake, retried by the load generator, is reported. */
    private void noteRetries(FanOutLoad load, String which) {
        if (load.handshakeRetries() > 0) {
            observations.add(which + load.handshakeRetries() + " handshake(s) answered with a server error and made "
                    + "again (" + load.lastHandshakeError() + "; see the server's log)");
        }
    }

    /** A field of a {@code mem} reply, in MiB, for the report. */
    private static String mem(String reply, String name) {
        return Report.num(mib(field(reply, name)));
    }

    private static double mib(long bytes) {
        return bytes / 1024.0 / 1024.0;
    }

    private static long field(String reply, String name) {
        return Long.parseLong(ServerProcess.field(reply, name));
    }

    /** The first line of the server's log about a slow consumer or memory running out, quoted; or "". */
    private static String serverSaid(Path log) {
        try {
            for (String line : java.nio.file.Files.readAllLines(log)) {
                String l = line.trim();
                if (l.contains("does not read") || l.contains("OutOfMemory") || l.contains("OutOfDirectMemory")) {
                    return "; the server logged: \"" + (l.length() > 300 ? l.substring(0, 300) + "…" : l) + "\"";
                }
            }
        } catch (IOException | RuntimeException e) {
            return "";
        }
        return "; the server logged nothing about it";
    }

    /** With --verbose: what the run is doing, and since when. */
    private void phase(String what) {
        if (options.verbose) {
            System.out.printf(java.util.Locale.ROOT, "      %6.2f s  %s: %s%n", (System.nanoTime() - runStart) / 1e9,
                    runLabel, what);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted", e);
        }
    }
}
