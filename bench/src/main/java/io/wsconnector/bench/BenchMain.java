package io.wsconnector.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark runner: for each scenario, round after round, starts each server in its own JVM in turn
 * (ours, helidon, netty, ours, helidon, netty, ...), drives it from this JVM's load generator, and prints
 * and writes the results. {@code java -jar wsconnector-bench.jar --help} lists the options.
 */
public final class BenchMain {
    private final Options options;

    private BenchMain(Options options) {
        this.options = options;
    }

    /**
     * Runs the benchmark, or a sub-command: {@code server ...} (one echo server, as the runner starts it) or
     * {@code selfcheck}.
     *
     * @param args see {@link Options#USAGE}
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("server")) {
            ServerMain.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && (args[0].equals("selfcheck") || args[0].equals("--selfcheck"))) {
            System.exit(SelfCheck.run(System.out) ? 0 : 1);
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println(e.getMessage());
            }
            System.err.print(Options.USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        System.exit(new BenchMain(options).run());
    }

    private int run() throws IOException {
        long start = System.nanoTime();
        String date = ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        String loadBefore = loadAverage();
        String machine = machine();
        String jvm = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vm.vendor") + ")"
                + (options.java.equals(Path.of(System.getProperty("java.home"), "bin", "java").toString()) ? ""
                : "; servers run " + options.java);
        System.out.println("wsconnector benchmark: " + options.describe());
        System.out.println("machine: " + machine + "; JVM: " + jvm + "; load average " + loadBefore);
        System.out.println("servers: " + options.servers + ", each in its own JVM with " + String.join(" ",
                options.serverJvmArgs) + "; logs in " + options.logs);
        System.out.println();

        if (options.scenarios.stream().anyMatch(sc -> sc <= 6 || sc == Metric.DEFLATE_SCENARIO)) {
            warmUpLoadGenerator();
        }
        if (options.scenarios.stream().anyMatch(Metric.BROADCAST_SCENARIOS::contains)) {
            warmUpFanOutLoad();
        }
        Results results = new Results();
        Scenarios scenarios = new Scenarios(options);
        for (int scenario : options.scenarios) {
            String name = Metric.SCENARIO_NAMES[scenario];
            System.out.println("== " + scenario + " " + name + ": " + Scenarios.describe(scenario, options));
            if (scenario == 5 && !options.quick) {
                // a first, discarded launch of each server, so that no server pays for a cold page cache
                for (String server : options.servers) {
                    try {
                        scenarios.run(scenario, server, "s5-startup-" + server + "-warmup");
                    } catch (RuntimeException e) {
                        System.out.println("   warm-up launch of " + server + " failed: " + e.getMessage());
                    }
                }
            }
            if (scenario == Metric.DEFLATE_SCENARIO && options.servers.contains("helidon")) {
                String skipped = "helidon sits out scenario 9: Helidon's WebSocket has no permessage-deflate";
                System.out.println("   " + skipped);
                results.notes.add(skipped);
            }
            for (int round = 1; round <= options.rounds; round++) {
                for (String server : options.servers) {
                    if (scenario == Metric.DEFLATE_SCENARIO && server.equals("helidon")) {
                        continue;
                    }
                    String label = "s" + scenario + "-" + name + "-" + server + "-r" + round;
                    long t0 = System.nanoTime();
                    try {
                        Map<String, Double> values = scenarios.run(scenario, server, label, round);
                        StringBuilder line = new StringBuilder();
                        for (Metric m : Metric.of(scenario)) {
                            Double v = values.get(m.id());
                            if (v != null && !v.isNaN()) {
                                results.add(scenario, m.id(), server, round, v);
                                line.append("  ").append(m.id()).append('=').append(Report.num(v));
                            }
                        }
                        System.out.printf(Locale.ROOT, "   round %d %-8s%s  (%.1f s)%n", round, server, line,
                                (System.nanoTime() - t0) / 1e9);
                        for (String seen : scenarios.observations) {
                            results.observations.add(new Results.Observation(scenario, server, round, seen));
                            System.out.println("            " + seen);
                        }
                    } catch (RuntimeException e) {
                        String message = label + ": " + e.getMessage();
                        results.failures.add(message);
                        System.out.printf(Locale.ROOT, "   round %d %-8s FAILED: %s (log: %s)%n", round, server,
                                e.getMessage(), options.logs.resolve(label + (scenario == 8 ? "-with(out).log"
                                        : ".log")));
                    }
                }
            }
        }
        results.notes.addAll(scenarios.notes);

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        String duration = String.format(Locale.ROOT, "%d min %02d s", took.toMinutes(), took.toSecondsPart());
        Report.Meta meta = new Report.Meta(date, duration, options.quick ? "quick smoke run" : "full run",
                options.describe() + "; servers " + options.servers, machine, jvm,
                String.join(" ", options.serverJvmArgs),
                "java -jar bench/target/wsconnector-bench.jar" + (options.commandLine.isEmpty() ? ""
                        : " " + String.join(" ", options.commandLine)),
                loadBefore, loadAverage());
        Report report = new Report(results, meta, options);
        System.out.println();
        System.out.print(report.consoleTable());
        report.writeAll(options.out);
        System.out.println();
        String p = options.filePrefix;
        System.out.println("took " + duration + "; wrote " + p + "results.csv, " + p + "rounds.csv, " + p
                + "results.json, " + p + "chart.svg and " + p + "summary.md to " + options.out);
        for (String note : results.notes) {
            System.out.println("note: " + note);
        }
        if (!results.failures.isEmpty()) {
            System.out.println(results.failures.size() + " run(s) FAILED:");
            for (String f : results.failures) {
                System.out.println("  " + f);
            }
            return 1;
        }
        return 0;
    }

    /**
     * Compiles the load generator's hot paths before the first measured run (which is always the first
     * server's), against a Netty echo server inside this JVM, for about as long as a warm-up.
     */
    private void warmUpLoadGenerator() {
        long t0 = System.nanoTime();
        double seconds = Math.min(1.5, Math.max(0.5, options.warmup.toNanos() / 1e9));
        try (EchoServers.Running server = EchoServers.start("netty", Options.HOST, 0, options.maxMessageBytes)) {
            int[][] shapes = {{Scenarios.THROUGHPUT_CONNECTIONS, Scenarios.THROUGHPUT_PIPELINE, Scenarios.SMALL_PAYLOAD},
                    {Scenarios.LARGE_CONNECTIONS, Scenarios.LARGE_PIPELINE, Scenarios.LARGE_PAYLOAD}};
            for (int[] shape : shapes) {
                try (LoadGenerator gen = LoadGenerator.start(LoadGenerator.Config.of(Options.HOST, server.port(),
                        shape[0], shape[1], shape[2], shape[2] == Scenarios.LARGE_PAYLOAD ? options.largeKind
                                : PayloadKind.TEXT))) {
                    gen.awaitOpen(Scenarios.OPEN_TIMEOUT);
                    gen.resume();
                    gen.sleepChecking(Duration.ofNanos((long) (seconds / 2 * 1e9)));
                    gen.pause();
                    gen.awaitDrained(Scenarios.DRAIN_TIMEOUT);
                    gen.check();
                }
            }
            if (options.scenarios.contains(Metric.DEFLATE_SCENARIO)) {
                warmUpDeflate(seconds);
            }
            System.out.printf(Locale.ROOT, "load generator warmed up against an in-process Netty echo (%.1f s)%n%n",
                    (System.nanoTime() - t0) / 1e9);
        } catch (IOException | RuntimeException e) {
            System.out.println("load generator warm-up failed (carrying on): " + e.getMessage());
        }
    }

    /** Scenario 9's shape, compressed, against an in-process Netty echo agreeing to permessage-deflate. */
    private void warmUpDeflate(double seconds) throws IOException {
        try (EchoServers.Running server = EchoServers.start("netty", Options.HOST, 0, options.maxMessageBytes,
                options.helidonUseNio, false, options.deflateMode);
             LoadGenerator gen = LoadGenerator.start(LoadGenerator.Config.of(Options.HOST, server.port(),
                     Scenarios.THROUGHPUT_CONNECTIONS, Scenarios.THROUGHPUT_PIPELINE, Scenarios.DEFLATE_PAYLOAD,
                     PayloadKind.JSON).withDeflate(options.deflateMode))) {
            gen.awaitOpen(Scenarios.OPEN_TIMEOUT);
            gen.resume();
            gen.sleepChecking(Duration.ofNanos((long) (seconds / 2 * 1e9)));
            gen.pause();
            gen.awaitDrained(Scenarios.DRAIN_TIMEOUT);
            gen.check();
        }
    }

    /**
     * Compiles the fan-out load generator's hot paths before the first measured fan-out run, against a Netty
     * broadcast server inside this JVM: both message sizes, with and without the slow client.
     */
    private void warmUpFanOutLoad() {
        long t0 = System.nanoTime();
        double seconds = Math.min(1.5, Math.max(0.5, options.warmup.toNanos() / 1e9));
        try (EchoServers.Running server = BroadcastServers.start("netty", Options.HOST, 0, options.maxMessageBytes,
                options.sendQueueLimit, options.helidonUseNio, false)) {
            int[][] shapes = {{Scenarios.FANOUT_RECEIVERS / 4, Scenarios.FANOUT_PAYLOAD, 0},
                    {Scenarios.SLOW_RECEIVERS, Scenarios.SLOW_PAYLOAD, 1}};
            for (int[] shape : shapes) {
                try (FanOutLoad load = FanOutLoad.start(FanOutLoad.Config.of(Options.HOST, server.port(), shape[0],
                        shape[1], options.fanoutWindow, shape[2] == 1))) {
                    load.awaitOpen(Scenarios.OPEN_TIMEOUT);
                    load.sync(Scenarios.SYNC_TIMEOUT);
                    load.resume();
                    load.sleepChecking(Duration.ofNanos((long) (seconds / 2 * 1e9)));
                    load.pause();
                    load.releaseSlowClient();
                    load.awaitDrained(Scenarios.DRAIN_TIMEOUT);
                    load.check();
                }
            }
            System.out.printf(Locale.ROOT, "fan-out load generator warmed up against an in-process Netty broadcast "
                    + "(%.1f s)%n%n", (System.nanoTime() - t0) / 1e9);
        } catch (IOException | RuntimeException e) {
            System.out.println("fan-out load generator warm-up failed (carrying on): " + e.getMessage());
        }
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static String machine() {
        String cpu = "unknown CPU";
        String memory = "";
        String kernel = System.getProperty("os.name") + " " + System.getProperty("os.version");
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
            List<String> mem = Files.readAllLines(Path.of("/proc/meminfo"));
            for (String line : mem) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    memory = String.format(Locale.ROOT, ", %.0f GiB RAM", kb / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux: less detail
        }
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores" + memory + ", " + kernel;
    }
}
