package io.wsconnector.bench;

import java.util.List;
import java.util.Locale;

/**
 * One figure reported per scenario, with its unit, which direction is better, and the targets.
 *
 * @param scenario      1..8
 * @param id            the key in the CSV/JSON
 * @param label         for tables
 * @param unit          for tables
 * @param higherBetter  whether a higher value is better; null for a figure that only informs (e.g. how busy the
 *                      load generator was)
 * @param chart         whether its ratios go into the chart
 * @param helidonTarget the target against hand-written Helidon, or null
 * @param nettyTarget   the target against hand-written Netty, or null
 * @param ratios        whether ours ÷ other means something (not for a count that only informs)
 */
record Metric(int scenario, String id, String label, String unit, Boolean higherBetter, boolean chart,
              Target helidonTarget, Target nettyTarget, boolean ratios) {

    static final String[] SCENARIO_NAMES = {"", "throughput", "latency", "large", "idle", "startup", "allocation",
            "fanout", "slow-consumer", "deflate"};

    /** The scenarios of the broadcast issue, run only when asked for ({@code --scenarios 7,8}). */
    static final List<Integer> BROADCAST_SCENARIOS = List.of(7, 8);

    /** The permessage-deflate scenario, run only when asked for ({@code --scenarios 9}); Helidon sits it out. */
    static final int DEFLATE_SCENARIO = 9;

    Metric(int scenario, String id, String label, String unit, Boolean higherBetter, boolean chart,
           Target helidonTarget, Target nettyTarget) {
        this(scenario, id, label, unit, higherBetter, chart, helidonTarget, nettyTarget, true);
    }

    static final List<Metric> ALL = List.of(
            new Metric(1, "msgs_per_s", "throughput", "msg/s", true, true, Target.ratioAtLeast(0.97), Target.ratioAtLeast(0.8)),
            new Metric(1, "p50_us", "latency p50", "µs", false, false, null, null),
            new Metric(1, "p99_us", "latency p99", "µs", false, false, null, null),
            new Metric(1, "server_cpu_us_per_msg", "server CPU per echo", "µs", false, true, null, null),
            new Metric(1, "client_cpu_pct", "load generator busy", "% core", null, false, null, null),
            new Metric(2, "p50_us", "latency p50", "µs", false, true, null, null),
            new Metric(2, "p99_us", "latency p99", "µs", false, true, Target.ratioAtMost(1.05), null),
            new Metric(2, "p999_us", "latency p99.9", "µs", false, true, null, null),
            new Metric(2, "msgs_per_s", "round trips", "msg/s", true, false, null, null),
            new Metric(2, "server_cpu_us_per_msg", "server CPU per echo", "µs", false, false, null, null),
            new Metric(2, "client_cpu_pct", "load generator busy", "% core", null, false, null, null),
            new Metric(3, "msgs_per_s", "throughput", "msg/s", true, true, Target.ratioAtLeast(0.97), Target.ratioAtLeast(0.9)),
            new Metric(3, "p99_us", "latency p99", "µs", false, false, null, null),
            new Metric(3, "server_cpu_us_per_msg", "server CPU per echo", "µs", false, true, null, null),
            new Metric(3, "client_cpu_pct", "load generator busy", "% core", null, false, null, null),
            new Metric(4, "heap_per_conn_kib", "heap per connection", "KiB", false, true, Target.plusAtMost(1.0, "KiB"),
                    Target.absoluteAtMost(12.0, "KiB")),
            new Metric(4, "rss_per_conn_kib", "RSS per connection", "KiB", false, true, null, null),
            new Metric(4, "heap_per_used_conn_kib", "heap per used connection", "KiB", false, true, null, null),
            new Metric(5, "startup_ms", "start to first connection", "ms", false, true, Target.ratioAtMost(1.1), null),
            new Metric(6, "alloc_bytes_per_msg", "allocated per echo", "B/msg", false, true, Target.plusAtMost(16, "B"),
                    null),
            new Metric(7, "deliveries_per_s", "deliveries", "msg/s", true, true, null, null),
            new Metric(7, "p50_us", "latency p50, send to receipt", "µs", false, false, null, null),
            new Metric(7, "p99_us", "latency p99, send to receipt", "µs", false, true, null, null),
            new Metric(7, "server_cpu_us_per_delivery", "server CPU per delivery", "µs", false, true, null, null),
            new Metric(7, "client_cpu_pct", "load generator busy", "% core", null, false, null, null),
            new Metric(8, "base_deliveries_per_s", "deliveries, no slow client", "msg/s", true, false, null, null),
            new Metric(8, "base_p99_us", "latency p99, no slow client", "µs", false, false, null, null),
            new Metric(8, "slow_deliveries_per_s", "deliveries, with the slow client", "msg/s", true, true, null, null),
            new Metric(8, "slow_p99_us", "latency p99, with the slow client", "µs", false, true, null, null),
            new Metric(8, "base_server_cpu_us_per_delivery", "server CPU per delivery, no slow client", "µs", false,
                    false, null, null),
            new Metric(8, "slow_server_cpu_us_per_delivery", "server CPU per delivery, with the slow client", "µs",
                    false, false, null, null),
            new Metric(8, "rate_kept", "deliveries with ÷ without", "×", true, false, Target.absoluteAtLeast(0.9,
                    "(ours alone)"), null),
            new Metric(8, "p99_kept", "latency p99 with ÷ without", "×", false, false, Target.absoluteAtMost(1.1,
                    "(ours alone)"), null),
            new Metric(8, "base_heap_growth_mib", "server heap growth, no slow client", "MiB", false, false, null,
                    null, false),
            new Metric(8, "heap_growth_mib", "server heap growth, slow client stuck", "MiB", false, false, null,
                    null, false),
            new Metric(8, "offheap_growth_mib", "server direct memory growth, slow client stuck", "MiB", false,
                    false, null, null, false),
            new Metric(8, "slow_msgs", "messages the slow client got", "msg", null, false, null, null, false),
            new Metric(9, "msgs_per_s", "throughput", "msg/s", true, true, null, null),
            new Metric(9, "p99_us", "latency p99", "µs", false, false, null, null),
            new Metric(9, "server_cpu_us_per_msg", "server CPU per echo", "µs", false, true, null,
                    Target.ratioAtMost(1.0)),
            new Metric(9, "wire_out_bytes_per_msg", "bytes on the wire per message, client → server", "B", false,
                    true, null, null),
            new Metric(9, "wire_in_bytes_per_msg", "bytes on the wire per message, server → client", "B", false,
                    true, null, null),
            new Metric(9, "client_cpu_pct", "load generator busy", "% core", null, false, null, null),
            new Metric(9, "heap_per_conn_kib", "heap per idle connection, deflate agreed", "KiB", false, true, null,
                    null),
            new Metric(9, "rss_per_conn_kib", "RSS per idle connection, deflate agreed", "KiB", false, true, null,
                    null),
            new Metric(9, "heap_per_used_conn_kib", "heap per used connection, deflate agreed", "KiB", false, true,
                    null, null),
            new Metric(9, "rss_per_used_conn_kib", "RSS per used connection, deflate agreed", "KiB", false, true,
                    null, null),
            new Metric(9, "plain_heap_per_conn_kib", "heap per idle connection, deflate not offered", "KiB", false,
                    false, null, null),
            new Metric(9, "deflate_heap_extra_kib", "heap per idle connection, agreed − not offered", "KiB", false,
                    false, Target.absoluteAtMost(2.0, "KiB (ours alone, no-context mode)"), null, false));

    static List<Metric> of(int scenario) {
        return ALL.stream().filter(m -> m.scenario == scenario).toList();
    }

    String key() {
        return scenario + "-" + SCENARIO_NAMES[scenario] + "/" + id;
    }

    String scenarioName() {
        return scenario + " " + SCENARIO_NAMES[scenario];
    }

    String arrow() {
        return higherBetter == null ? "(info)" : higherBetter ? "↑" : "↓";
    }

    String better() {
        return higherBetter == null ? "info" : higherBetter ? "higher" : "lower";
    }

    /**
     * A target for ours against another server's median.
     *
     * @param kind  ratio-min (ours/other ≥ v), ratio-max (ours/other ≤ v), plus-max (ours − other ≤ v),
     *              abs-max (ours ≤ v), abs-min (ours ≥ v)
     * @param value the bound
     * @param unit  for plus/abs targets
     */
    record Target(String kind, double value, String unit) {
        static Target ratioAtLeast(double v) {
            return new Target("ratio-min", v, "");
        }

        static Target ratioAtMost(double v) {
            return new Target("ratio-max", v, "");
        }

        static Target plusAtMost(double v, String unit) {
            return new Target("plus-max", v, unit);
        }

        static Target absoluteAtMost(double v, String unit) {
            return new Target("abs-max", v, unit);
        }

        static Target absoluteAtLeast(double v, String unit) {
            return new Target("abs-min", v, unit);
        }

        /** Whether ours meets it against other; null if a value is missing. */
        Boolean met(Double ours, Double other) {
            if (ours == null || (other == null && !kind.startsWith("abs-"))) {
                return null;
            }
            return switch (kind) {
                case "ratio-min" -> ours / other >= value;
                case "ratio-max" -> ours / other <= value;
                case "plus-max" -> ours - other <= value;
                case "abs-max" -> ours <= value;
                case "abs-min" -> ours >= value;
                default -> throw new IllegalStateException(kind);
            };
        }

        String describe() {
            String v = value == Math.rint(value) && !kind.startsWith("ratio")
                    ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.2f", value);
            return switch (kind) {
                case "ratio-min" -> "≥ " + v + "×";
                case "ratio-max" -> "≤ " + v + "×";
                case "plus-max" -> "≤ +" + v + " " + unit;
                case "abs-max" -> "≤ " + v + " " + unit;
                case "abs-min" -> "≥ " + v + " " + unit;
                default -> kind;
            };
        }
    }
}
