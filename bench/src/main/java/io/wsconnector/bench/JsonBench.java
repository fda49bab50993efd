package io.wsconnector.bench;

import java.io.IOException;
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

/**
 * The JSON scenario: 64 connections × pipeline 8, each message a {@value #PAYLOAD}-byte JSON {@code Move}
 * with a {@code "type"} field, decoded, dispatched on the type and answered with a {@code Move} encoded
 * again (the load generator checks each answer byte for byte). Two servers, each in a fresh JVM of the
 * "ours" kind: the typed endpoint the processor generated the dispatcher of ({@link OursJsonEcho}, path
 * {@value JsonMessages#GENERATED_PATH}) and the same handler written by hand with the same JSON library
 * ({@link HandJsonEcho}, {@value JsonMessages#BY_HAND_PATH}). Measured per round and server: throughput,
 * server CPU per message, and server bytes allocated per message (the load quiesced around the window).
 *
 * <p>{@code java -cp bench/target/wsconnector-bench.jar io.wsconnector.bench.JsonBench [--quick] [--rounds N]}
 * prints the table and writes {@code json-summary.md} ({@code quick-json-summary.md}) to the results folder.
 */
public final class JsonBench {
    static final int PAYLOAD = 200;
    private static final int CONNECTIONS = Scenarios.THROUGHPUT_CONNECTIONS;
    private static final int PIPELINE = Scenarios.THROUGHPUT_PIPELINE;
    private static final Map<String, String> VARIANTS = Map.of("generated", JsonMessages.GENERATED_PATH,
            "by hand", JsonMessages.BY_HAND_PATH);
    private static final List<String> ORDER = List.of("generated", "by hand");
    private static final List<String> METRICS = List.of("msgs_per_s", "server_cpu_us_per_msg", "alloc_bytes_per_msg");

    private final Options options;

    private JsonBench(Options options) {
        this.options = options;
    }

    /**
     * Runs the scenario.
     *
     * @param args the bench's options ({@code --quick}, {@code --rounds}, {@code --warmup}, {@code --seconds},
     *             {@code --out}…)
     * @throws IOException if the results cannot be written
     */
    public static void main(String[] args) throws IOException {
        new JsonBench(Options.parse(args)).run();
    }

    private void run() throws IOException {
        String date = ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        Map<String, Map<String, List<Double>>> values = new LinkedHashMap<>();
        for (int round = 1; round <= options.rounds; round++) {
            // ABBA: whichever variant runs first in a round (a machine that settles, a load generator that
            // warms up) does so in half of the rounds only
            for (String variant : round % 2 == 1 ? ORDER : ORDER.reversed()) {
                Map<String, Double> measured = measure(variant, round);
                System.out.printf(Locale.ROOT, "round %d %-9s %s%n", round, variant, measured);
                measured.forEach((metric, value) -> values.computeIfAbsent(variant, v -> new LinkedHashMap<>())
                        .computeIfAbsent(metric, m -> new ArrayList<>()).add(value));
            }
        }
        String table = table(values);
        System.out.println();
        System.out.print(table);
        Path file = options.out.resolve((options.quick ? "quick-" : "") + "json-summary.md");
        Files.createDirectories(options.out);
        Files.writeString(file, "# JSON scenario\n\n" + date + ", " + (options.quick ? "quick smoke run" : "full run")
                + ": " + CONNECTIONS + " connections × pipeline " + PIPELINE + " × " + PAYLOAD + " B JSON `Move` "
                + "with a `type` field, decoded, dispatched and encoded again; medians of " + options.rounds
                + " round(s), " + options.warmup.toMillis() + " ms warm-up, " + options.measure.toMillis()
                + " ms measured.\n\n" + table);
        System.out.println("wrote " + file);
    }

    private Map<String, Double> measure(String variant, int round) {
        Path log = options.logs.resolve("json-" + variant.replace(' ', '-') + "-r" + round + ".log");
        try (ServerProcess process = ServerProcess.start(options, "ours", 0, log)) {
            int port = process.awaitReady(Scenarios.READY_TIMEOUT);
            LoadGenerator.Config config = LoadGenerator.Config.of(Options.HOST, port, CONNECTIONS, PIPELINE, PAYLOAD,
                    PayloadKind.JSON_MOVE).withPath(VARIANTS.get(variant));
            try (LoadGenerator gen = LoadGenerator.start(config)) {
                gen.awaitOpen(Scenarios.OPEN_TIMEOUT);
                runQuiesced(gen, options.warmup);
                long echoed0 = gen.echoed();
                long cpu0 = counter(process, "cpu", "CPU", "nanos");
                long alloc0 = counter(process, "alloc", "ALLOC", "bytes");
                long t0 = System.nanoTime();
                runQuiesced(gen, options.measure);
                long t1 = System.nanoTime();
                long alloc1 = counter(process, "alloc", "ALLOC", "bytes");
                long cpu1 = counter(process, "cpu", "CPU", "nanos");
                long echoed = gen.echoed() - echoed0;
                gen.check();
                if (echoed <= 0) {
                    throw new BenchException("no answer in the measured window");
                }
                Map<String, Double> m = new LinkedHashMap<>();
                m.put("msgs_per_s", echoed / ((t1 - t0) / 1e9));
                m.put("server_cpu_us_per_msg", (cpu1 - cpu0) / 1e3 / echoed);
                m.put("alloc_bytes_per_msg", (double) (alloc1 - alloc0) / echoed);
                return m;
            } catch (IOException e) {
                throw new BenchException("load generator: " + e, e);
            }
        }
    }

    /** Sends for {@code duration}, then stops and waits until every message has been answered. */
    private static void runQuiesced(LoadGenerator gen, Duration duration) {
        gen.resume();
        gen.sleepChecking(duration);
        gen.pause();
        gen.awaitDrained(Scenarios.DRAIN_TIMEOUT);
    }

    private static long counter(ServerProcess process, String command, String reply, String field) {
        return Long.parseLong(ServerProcess.field(process.command(command, reply, Scenarios.COMMAND_TIMEOUT), field));
    }

    /**
     * The Markdown table: the median of each metric per server, and generated ÷ by hand. The measured
     * window includes the drain after the load pauses, as scenario 6 does, so throughput here reads
     * lower than scenario 1's; the ratio is what to read.
     */
    private static String table(Map<String, Map<String, List<Double>>> values) {
        StringBuilder table = new StringBuilder("| metric | generated | by hand | generated ÷ by hand "
                + "| median of the rounds' ratios | target |\n|---|---:|---:|---:|---:|---|\n");
        Map<String, String> targets = Map.of("msgs_per_s", "≥ 0.97", "server_cpu_us_per_msg", "≤ 1.03",
                "alloc_bytes_per_msg", "reported");
        for (String metric : METRICS) {
            List<Double> generatedRounds = values.get("generated").get(metric);
            List<Double> byHandRounds = values.get("by hand").get(metric);
            double generated = Report.median(generatedRounds);
            double byHand = Report.median(byHandRounds);
            // each round's pair ran back to back, under the same load: their ratio is the steadier figure
            // on a shared machine whose load drifts between rounds
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < generatedRounds.size(); i++) {
                ratios.add(generatedRounds.get(i) / byHandRounds.get(i));
            }
            table.append(String.format(Locale.ROOT, "| %s | %s | %s | %.3f | %.3f | %s |%n", metric,
                    Report.num(generated), Report.num(byHand), generated / byHand, Report.median(ratios),
                    targets.get(metric)));
        }
        return table.toString();
    }
}
