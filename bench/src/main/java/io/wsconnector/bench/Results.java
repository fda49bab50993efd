package io.wsconnector.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Every measured value, and the summaries (median, spread, ratios) the report shows. */
final class Results {
    record Sample(int scenario, String metric, String server, int round, double value) {
    }

    /** The median and spread of one metric for one server over the rounds. */
    record Stats(double median, double min, double max, int n) {
        static Stats of(List<Double> values) {
            if (values.isEmpty()) {
                return null;
            }
            List<Double> v = new ArrayList<>(values);
            Collections.sort(v);
            int n = v.size();
            double median = n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
            return new Stats(median, v.get(0), v.get(n - 1), n);
        }
    }

    /** One row of the table. */
    record Row(Metric metric, Stats ours, Stats helidon, Stats netty) {
        Double ratioHelidon() {
            return metric.ratios() ? ratio(ours, helidon) : null;
        }

        Double ratioNetty() {
            return metric.ratios() ? ratio(ours, netty) : null;
        }

        Boolean metHelidon() {
            return metric.helidonTarget() == null ? null
                    : metric.helidonTarget().met(median(ours), median(helidon));
        }

        Boolean metNetty() {
            return metric.nettyTarget() == null ? null : metric.nettyTarget().met(median(ours), median(netty));
        }

        Stats get(String server) {
            return switch (server) {
                case "ours" -> ours;
                case "helidon" -> helidon;
                case "netty" -> netty;
                default -> null;
            };
        }

        private static Double median(Stats s) {
            return s == null ? null : s.median();
        }

        private static Double ratio(Stats a, Stats b) {
            if (a == null || b == null || b.median() == 0) {
                return null;
            }
            return a.median() / b.median();
        }
    }

    /** What a run saw that is not a number (e.g. what happened to the slow client), for the report. */
    record Observation(int scenario, String server, int round, String text) {
    }

    final List<Sample> samples = new ArrayList<>();
    final List<String> failures = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final List<Observation> observations = new ArrayList<>();

    void add(int scenario, String metric, String server, int round, double value) {
        samples.add(new Sample(scenario, metric, server, round, value));
    }

    List<Double> values(Metric m, String server) {
        List<Double> out = new ArrayList<>();
        for (Sample s : samples) {
            if (s.scenario() == m.scenario() && s.metric().equals(m.id()) && s.server().equals(server)) {
                out.add(s.value());
            }
        }
        return out;
    }

    /** The rows of the scenarios that have any sample, in scenario order. */
    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Metric m : Metric.ALL) {
            Stats ours = Stats.of(values(m, "ours"));
            Stats helidon = Stats.of(values(m, "helidon"));
            Stats netty = Stats.of(values(m, "netty"));
            if (ours != null || helidon != null || netty != null) {
                rows.add(new Row(m, ours, helidon, netty));
            }
        }
        return rows;
    }
}
