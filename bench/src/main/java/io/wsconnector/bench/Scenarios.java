package io.wsconnector.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    static final Duration OPEN_TIMEOUT = Duration.ofSeconds(60);
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(15);

    private final Options options;
    private long runStart;
    private String runLabel;
    /** Remarks for the report (e.g. the allocation probe), in order. */
    final List<String> notes = new ArrayList<>();

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
            default -> "?";
        };
    }

    Map<String, Double> run(int scenario, String server, String label) {
        Path log = options.logs.resolve(label + ".log");
        runStart = System.nanoTime();
        runLabel = label;
        return switch (scenario) {
            case 1 -> load(server, log, THROUGHPUT_CONNECTIONS, THROUGHPUT_PIPELINE, SMALL_PAYLOAD, PayloadKind.TEXT, true);
            case 2 -> load(server, log, 1, 1, SMALL_PAYLOAD, PayloadKind.TEXT, false);
            case 3 -> load(server, log, LARGE_CONNECTIONS, LARGE_PIPELINE, LARGE_PAYLOAD, options.largeKind, true);
            case 4 -> idle(server, log);
            case 5 -> startup(server, log);
            case 6 -> allocation(server, log, label);
            default -> throw new IllegalArgumentException("no scenario " + scenario);
        };
    }

    // ------------------------------------------------------------------ 1, 2, 3: load

    private Map<String, Double> load(String server, Path log, int connections, int pipeline, int payload,
                                     PayloadKind kind, boolean throughput) {
        try (ServerProcess process = ServerProcess.start(options, server, 0, log)) {
            int port = process.awaitReady(READY_TIMEOUT);
            phase("server ready on port " + port);
            try (LoadGenerator gen = LoadGenerator.start(
                    LoadGenerator.Config.of(Options.HOST, port, connections, pipeline, payload, kind))) {
                gen.awaitOpen(OPEN_TIMEOUT);
                phase(connections + " connections open; warming up");
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
                phase("drained; closing");
                gen.check();
                if (h.getTotalCount() == 0) {
                    throw new BenchException("no echo in the measured window");
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
                return m;
            } catch (IOException e) {
                throw new BenchException("load generator: " + e, e);
            }
        }
    }

    // ------------------------------------------------------------------ 4: idle connections

    private Map<String, Double> idle(String server, Path log) {
        int n = options.idleConnections;
        try (ServerProcess process = ServerProcess.start(options, server, 0, log)) {
            int port = process.awaitReady(READY_TIMEOUT);
            phase("server ready on port " + port);
            // warm-up: the classes and threads a connection needs exist before the baseline
            int warm = Math.min(100, n);
            try (LoadGenerator gen = LoadGenerator.start(LoadGenerator.Config.of(Options.HOST, port, warm, 1,
                    SMALL_PAYLOAD, PayloadKind.TEXT).withMessagesPerConnection(20))) {
                gen.awaitOpen(OPEN_TIMEOUT);
                gen.resume();
                gen.awaitEchoed(20L * warm, DRAIN_TIMEOUT);
            }
            sleep(300); // let the server see the warm-up connections close
            phase("warm-up connections closed");
            String before = process.command("gc", "GC", COMMAND_TIMEOUT);
            phase("baseline " + before);
            LoadGenerator.Config config = LoadGenerator.Config.of(Options.HOST, port, n, 1, SMALL_PAYLOAD,
                    PayloadKind.TEXT).withMessagesPerConnection(1); // sent only on resume()
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
                return m;
            } catch (IOException e) {
                throw new BenchException("load generator: " + e, e);
            }
        } catch (IOException e) {
            throw new BenchException("load generator: " + e, e);
        }
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
