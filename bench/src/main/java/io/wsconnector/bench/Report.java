package io.wsconnector.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The table on the console, and results.csv, rounds.csv, results.json, chart.svg and summary.md. */
final class Report {
    static final List<String> SERVERS = List.of("ours", "helidon", "netty");

    /** Where and how the run happened. */
    record Meta(String date, String duration, String mode, String options, String machine, String jvm,
                String serverFlags, String command, String loadBefore, String loadAfter) {
    }

    private final Results results;
    private final Meta meta;
    private final Options options;

    Report(Results results, Meta meta, Options options) {
        this.results = results;
        this.meta = meta;
        this.options = options;
    }

    // ------------------------------------------------------------------ formatting

    /** The median of the rounds' values (the mean of the middle two for an even count). */
    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String num(Double v) {
        if (v == null || v.isNaN()) {
            return "–";
        }
        double a = Math.abs(v);
        if (a >= 10000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String cell(Results.Stats s) {
        if (s == null) {
            return "–";
        }
        if (s.n() == 1) {
            return num(s.median());
        }
        return num(s.median()) + " (" + num(s.min()) + "–" + num(s.max()) + ")";
    }

    static String ratio(Double r) {
        return r == null ? "–" : String.format(Locale.ROOT, "%.2f×", r);
    }

    static String target(Metric.Target t, Boolean met) {
        if (t == null) {
            return "";
        }
        return t.describe() + (met == null ? " ?" : met ? " ✓" : " ✗");
    }

    private List<String[]> tableRows() {
        List<String[]> rows = new ArrayList<>();
        for (Results.Row r : results.rows()) {
            Metric m = r.metric();
            rows.add(new String[] {m.scenarioName(), m.label() + " " + m.arrow(), m.unit(), cell(r.ours()),
                    cell(r.helidon()), cell(r.netty()), ratio(r.ratioHelidon()), ratio(r.ratioNetty()),
                    target(m.helidonTarget(), r.metHelidon()), target(m.nettyTarget(), r.metNetty())});
        }
        return rows;
    }

    private static final String[] HEADER = {"scenario", "metric", "unit", "ours", "helidon", "netty", "ours/helidon",
            "ours/netty", "target vs Helidon", "target vs Netty†"};

    String consoleTable() {
        List<String[]> rows = tableRows();
        int[] width = new int[HEADER.length];
        for (int i = 0; i < HEADER.length; i++) {
            width[i] = HEADER[i].length();
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder s = new StringBuilder();
        appendLine(s, HEADER, width);
        StringBuilder rule = new StringBuilder();
        for (int w : width) {
            rule.append("-".repeat(w)).append("  ");
        }
        s.append(rule.toString().stripTrailing()).append('\n');
        String last = null;
        for (String[] row : rows) {
            String[] shown = row.clone();
            if (row[0].equals(last)) {
                shown[0] = "";
            }
            last = row[0];
            appendLine(s, shown, width);
        }
        s.append("median over rounds (min–max); ↑ higher is better, ↓ lower is better; "
                + "† the issue set the Netty targets for wsconnector's own RFC 6455 layer\n");
        return s.toString();
    }

    private static void appendLine(StringBuilder s, String[] cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            boolean right = i >= 3 && i <= 7;
            String c = cells[i];
            String pad = " ".repeat(width[i] - c.length());
            line.append(right ? pad + c : c + pad).append("  ");
        }
        s.append(line.toString().stripTrailing()).append('\n');
    }

    String markdownTable() {
        StringBuilder s = new StringBuilder();
        s.append("| ").append(String.join(" | ", HEADER)).append(" |\n");
        s.append("|---|---|---|---:|---:|---:|---:|---:|---|---|\n");
        for (String[] row : tableRows()) {
            s.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return s.toString();
    }

    // ------------------------------------------------------------------ files

    /** Writes the five files, each name after {@link Options#filePrefix}. */
    void writeAll(Path dir) throws IOException {
        Files.createDirectories(dir);
        String p = options.filePrefix;
        Files.writeString(dir.resolve(p + "results.csv"), summaryCsv(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(p + "rounds.csv"), roundsCsv(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(p + "results.json"), json(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(p + "chart.svg"), svg(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(p + "summary.md"), markdown(), StandardCharsets.UTF_8);
    }

    private static String csvNum(Double v) {
        return v == null || v.isNaN() ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    String summaryCsv() {
        StringBuilder s = new StringBuilder("scenario,metric,unit,better");
        for (String server : SERVERS) {
            s.append(',').append(server).append("_median,").append(server).append("_min,").append(server)
                    .append("_max,").append(server).append("_rounds");
        }
        s.append(",ours_over_helidon,ours_over_netty,target_vs_helidon,met_vs_helidon,target_vs_netty,met_vs_netty\n");
        for (Results.Row r : results.rows()) {
            Metric m = r.metric();
            s.append(m.scenario()).append('-').append(Metric.SCENARIO_NAMES[m.scenario()]).append(',').append(m.id())
                    .append(',').append(m.unit()).append(',').append(m.better());
            for (String server : SERVERS) {
                Results.Stats st = r.get(server);
                s.append(',').append(st == null ? "" : csvNum(st.median()))
                        .append(',').append(st == null ? "" : csvNum(st.min()))
                        .append(',').append(st == null ? "" : csvNum(st.max()))
                        .append(',').append(st == null ? 0 : st.n());
            }
            s.append(',').append(csvNum(r.ratioHelidon())).append(',').append(csvNum(r.ratioNetty()));
            s.append(',').append(csvText(m.helidonTarget() == null ? "" : m.helidonTarget().describe()))
                    .append(',').append(r.metHelidon() == null ? "" : r.metHelidon());
            s.append(',').append(csvText(m.nettyTarget() == null ? "" : m.nettyTarget().describe()))
                    .append(',').append(r.metNetty() == null ? "" : r.metNetty());
            s.append('\n');
        }
        return s.toString();
    }

    String roundsCsv() {
        StringBuilder s = new StringBuilder("scenario,metric,unit,server,round,value\n");
        for (Results.Sample x : results.samples) {
            Metric m = Metric.ALL.stream().filter(d -> d.scenario() == x.scenario() && d.id().equals(x.metric()))
                    .findFirst().orElseThrow();
            s.append(x.scenario()).append('-').append(Metric.SCENARIO_NAMES[x.scenario()]).append(',').append(x.metric())
                    .append(',').append(m.unit()).append(',').append(x.server()).append(',').append(x.round())
                    .append(',').append(csvNum(x.value())).append('\n');
        }
        return s.toString();
    }

    private static String csvText(String t) {
        return t.contains(",") || t.contains("\"") ? '"' + t.replace("\"", "\"\"") + '"' : t;
    }

    String json() {
        StringBuilder s = new StringBuilder("{\n");
        s.append("  \"meta\": {");
        String[][] fields = {{"date", meta.date()}, {"duration", meta.duration()}, {"mode", meta.mode()},
                {"options", meta.options()}, {"machine", meta.machine()}, {"jvm", meta.jvm()},
                {"serverJvmFlags", meta.serverFlags()}, {"command", meta.command()},
                {"loadAverageBefore", meta.loadBefore()}, {"loadAverageAfter", meta.loadAfter()}};
        for (int i = 0; i < fields.length; i++) {
            s.append(i == 0 ? "\n" : ",\n").append("    ").append(jstr(fields[i][0])).append(": ")
                    .append(jstr(fields[i][1]));
        }
        s.append("\n  },\n  \"scenarios\": {");
        boolean first = true;
        for (int sc : options.scenarios) {
            s.append(first ? "\n" : ",\n").append("    ").append(jstr(String.valueOf(sc))).append(": ")
                    .append(jstr(Metric.SCENARIO_NAMES[sc] + ": " + Scenarios.describe(sc, options)));
            first = false;
        }
        s.append("\n  },\n  \"metrics\": [");
        first = true;
        for (Results.Row r : results.rows()) {
            Metric m = r.metric();
            s.append(first ? "\n" : ",\n").append("    {\"scenario\": ").append(m.scenario())
                    .append(", \"scenarioName\": ").append(jstr(Metric.SCENARIO_NAMES[m.scenario()]))
                    .append(", \"metric\": ").append(jstr(m.id()))
                    .append(", \"label\": ").append(jstr(m.label()))
                    .append(", \"unit\": ").append(jstr(m.unit()))
                    .append(", \"better\": ").append(jstr(m.better()));
            for (String server : SERVERS) {
                Results.Stats st = r.get(server);
                s.append(", ").append(jstr(server)).append(": ");
                if (st == null) {
                    s.append("null");
                } else {
                    s.append("{\"median\": ").append(jnum(st.median())).append(", \"min\": ").append(jnum(st.min()))
                            .append(", \"max\": ").append(jnum(st.max())).append(", \"rounds\": ").append(st.n())
                            .append('}');
                }
            }
            s.append(", \"oursOverHelidon\": ").append(jnum(r.ratioHelidon()))
                    .append(", \"oursOverNetty\": ").append(jnum(r.ratioNetty()))
                    .append(", \"targetVsHelidon\": ").append(m.helidonTarget() == null ? "null"
                            : jstr(m.helidonTarget().describe()))
                    .append(", \"metVsHelidon\": ").append(r.metHelidon())
                    .append(", \"targetVsNetty\": ").append(m.nettyTarget() == null ? "null"
                            : jstr(m.nettyTarget().describe()))
                    .append(", \"metVsNetty\": ").append(r.metNetty())
                    .append('}');
            first = false;
        }
        s.append("\n  ],\n  \"samples\": [");
        first = true;
        for (Results.Sample x : results.samples) {
            s.append(first ? "\n" : ",\n").append("    {\"scenario\": ").append(x.scenario())
                    .append(", \"metric\": ").append(jstr(x.metric())).append(", \"server\": ").append(jstr(x.server()))
                    .append(", \"round\": ").append(x.round()).append(", \"value\": ").append(jnum(x.value()))
                    .append('}');
            first = false;
        }
        s.append("\n  ],\n  \"observations\": [");
        first = true;
        for (Results.Observation o : results.observations) {
            s.append(first ? "\n" : ",\n").append("    {\"scenario\": ").append(o.scenario())
                    .append(", \"server\": ").append(jstr(o.server())).append(", \"round\": ").append(o.round())
                    .append(", \"text\": ").append(jstr(o.text())).append('}');
            first = false;
        }
        s.append(first ? "]" : "\n  ]");
        s.append(",\n  \"failures\": ").append(jarray(results.failures));
        s.append(",\n  \"notes\": ").append(jarray(results.notes)).append("\n}\n");
        return s.toString();
    }

    private static String jarray(List<String> items) {
        if (items.isEmpty()) {
            return "[]";
        }
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            s.append(i == 0 ? "\n    " : ",\n    ").append(jstr(items.get(i)));
        }
        return s.append("\n  ]").toString();
    }

    static String jnum(Double v) {
        if (v == null || v.isNaN() || v.isInfinite()) {
            return "null";
        }
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    static String jstr(String v) {
        if (v == null) {
            return "null";
        }
        StringBuilder s = new StringBuilder("\"");
        for (char c : v.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }

    // ------------------------------------------------------------------ chart

    private static final double LOG_RANGE = 3; // 1/8× .. 8×

    String svg() {
        List<Results.Row> rows = new ArrayList<>();
        for (Results.Row r : results.rows()) {
            if (r.metric().chart()) {
                rows.add(r);
            }
        }
        int left = 170; // room for the first rotated label
        int top = 96;
        int plotH = 320;
        int group = 84;
        int bar = 26;
        int plotW = Math.max(1, rows.size()) * group;
        int width = left + plotW + 30;
        int height = top + plotH + 200;
        String helidonColor = "#4c78a8";
        String nettyColor = "#f58518";
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n");
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(s, left, 24, "wsconnector (ours) against hand-written Helidon and hand-written Netty", "start", 16,
                "bold");
        text(s, left, 44, "ratio of medians: ours ÷ other, log scale; ↑ metric: above 1 = ours better; "
                + "↓ metric: below 1 = ours better; ! = off the scale", "start", 12, null);
        text(s, left, 62, meta.date() + " · " + meta.mode() + " · " + meta.machine(), "start", 11, null);
        // legend
        s.append("<rect x=\"").append(left).append("\" y=\"72\" width=\"12\" height=\"12\" fill=\"")
                .append(helidonColor).append("\"/>\n");
        text(s, left + 16, 82, "ours / hand-written Helidon", "start", 12, null);
        s.append("<rect x=\"").append(left + 200).append("\" y=\"72\" width=\"12\" height=\"12\" fill=\"")
                .append(nettyColor).append("\"/>\n");
        text(s, left + 216, 82, "ours / hand-written Netty", "start", 12, null);
        // grid
        for (int e = (int) -LOG_RANGE; e <= LOG_RANGE; e++) {
            double v = Math.pow(2, e);
            double y = y(v, top, plotH);
            boolean one = e == 0;
            s.append("<line x1=\"").append(left).append("\" x2=\"").append(left + plotW).append("\" y1=\"")
                    .append(fmt(y)).append("\" y2=\"").append(fmt(y)).append("\" stroke=\"")
                    .append(one ? "#d62728" : "#dddddd").append("\" stroke-width=\"").append(one ? 1.5 : 1)
                    .append('"').append(one ? " stroke-dasharray=\"6,3\"" : "").append("/>\n");
            String label = (v >= 1 ? String.valueOf((long) v) : String.valueOf(v)) + "×";
            text(s, left - 6, y + 4, one ? "1.0×" : label, "end", 11, one ? "bold" : null);
        }
        s.append("<line x1=\"").append(left).append("\" x2=\"").append(left).append("\" y1=\"").append(top)
                .append("\" y2=\"").append(top + plotH).append("\" stroke=\"#888\"/>\n");
        for (int i = 0; i < rows.size(); i++) {
            Results.Row r = rows.get(i);
            int gx = left + i * group + (group - 2 * bar - 4) / 2;
            bar(s, gx, bar, r.ratioHelidon(), helidonColor, top, plotH);
            bar(s, gx + bar + 4, bar, r.ratioNetty(), nettyColor, top, plotH);
            double lx = left + i * group + group / 2.0;
            double ly = top + plotH + 14;
            Metric m = r.metric();
            s.append("<text x=\"").append(fmt(lx)).append("\" y=\"").append(fmt(ly))
                    .append("\" text-anchor=\"end\" transform=\"rotate(-40 ").append(fmt(lx)).append(' ')
                    .append(fmt(ly)).append(")\">").append(esc(m.scenario() + " " + Metric.SCENARIO_NAMES[m.scenario()]
                            + ": " + m.label() + " " + m.arrow())).append("</text>\n");
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static double y(double ratio, int top, int plotH) {
        double l = Math.log(ratio) / Math.log(2);
        l = Math.max(-LOG_RANGE, Math.min(LOG_RANGE, l));
        return top + (LOG_RANGE - l) / (2 * LOG_RANGE) * plotH;
    }

    private static void bar(StringBuilder s, int x, int w, Double ratio, String color, int top, int plotH) {
        double y1 = y(1, top, plotH);
        if (ratio == null || ratio <= 0 || ratio.isNaN()) {
            text(s, x + w / 2.0, y1 - 4, "n/a", "middle", 10, null);
            return;
        }
        double yv = y(ratio, top, plotH);
        double y = Math.min(y1, yv);
        double h = Math.max(1, Math.abs(y1 - yv));
        s.append("<rect x=\"").append(x).append("\" y=\"").append(fmt(y)).append("\" width=\"").append(w)
                .append("\" height=\"").append(fmt(h)).append("\" fill=\"").append(color).append("\">")
                .append("<title>").append(String.format(Locale.ROOT, "%.3f", ratio)).append("</title></rect>\n");
        boolean clipped = Math.abs(Math.log(ratio) / Math.log(2)) > LOG_RANGE;
        String label = String.format(Locale.ROOT, ratio >= 10 ? "%.0f" : "%.2f", ratio) + (clipped ? "!" : "");
        double ty = ratio >= 1 ? yv - 4 : yv + 12;
        text(s, x + w / 2.0, ty, label, "middle", 10, null);
    }

    private static void text(StringBuilder s, double x, double y, String t, String anchor, int size, String weight) {
        s.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y)).append("\" text-anchor=\"")
                .append(anchor).append("\" font-size=\"").append(size).append('"')
                .append(weight == null ? "" : " font-weight=\"" + weight + "\"").append('>').append(esc(t))
                .append("</text>\n");
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String esc(String t) {
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    // ------------------------------------------------------------------ summary.md

    String markdown() {
        String p = options.filePrefix;
        boolean broadcastOnly = Metric.BROADCAST_SCENARIOS.containsAll(options.scenarios);
        StringBuilder s = new StringBuilder(broadcastOnly ? "# wsconnector broadcast benchmark results\n\n"
                : "# wsconnector benchmark results\n\n");
        if (options.quick) {
            s.append("> **A `--quick` smoke run**: one short round; the figures show that everything works, "
                    + "not how fast it is.\n\n");
        }
        s.append("- Date: ").append(meta.date()).append(" (the run took ").append(meta.duration()).append(")\n");
        s.append("- Machine: ").append(meta.machine()).append("; load average before ").append(meta.loadBefore())
                .append(", after ").append(meta.loadAfter()).append('\n');
        s.append("- JVM: ").append(meta.jvm()).append("; every server JVM: `").append(meta.serverFlags())
                .append("`\n");
        s.append("- Settings: ").append(meta.options()).append('\n');
        s.append("- Command: `").append(meta.command()).append("`\n\n");
        s.append("![ours ÷ Helidon and ours ÷ Netty per metric](").append(p).append("chart.svg)\n\n");
        s.append(markdownTable()).append('\n');
        s.append("Each cell: the median over the rounds, and in brackets the lowest and highest round. "
                + "↑: higher is better; ↓: lower is better. Ratios are ours ÷ the other server's median. "
                + "† The issue set the targets against Netty for wsconnector's own RFC 6455 layer."
                + (options.scenarios.contains(8) || options.scenarios.contains(Metric.DEFLATE_SCENARIO)
                ? " A target marked (ours alone) is on ours' own figure, not on a "
                + "ratio; a ratio left out (–) would mean nothing." : "") + "\n\n");
        s.append("## Scenarios\n\n");
        for (int sc : options.scenarios) {
            s.append("- **").append(sc).append(' ').append(Metric.SCENARIO_NAMES[sc]).append("**: ")
                    .append(Scenarios.describe(sc, options)).append('\n');
        }
        s.append("\nServers run one at a time, each in a fresh JVM, in the order ")
                .append(String.join(", ", options.servers))
                .append(" in every round. See `bench/README.md` for the method.\n");
        if (!results.observations.isEmpty()) {
            s.append("\n## Observations\n\n");
            for (Results.Observation o : results.observations) {
                s.append("- **").append(o.scenario()).append(' ').append(Metric.SCENARIO_NAMES[o.scenario()])
                        .append(", ").append(o.server()).append(", round ").append(o.round()).append("**: ")
                        .append(o.text()).append('\n');
            }
        }
        if (!results.failures.isEmpty()) {
            s.append("\n## Failed runs\n\n");
            for (String f : results.failures) {
                s.append("- ").append(f).append('\n');
            }
        }
        if (!results.notes.isEmpty()) {
            s.append("\n## Notes\n\n");
            for (String n : results.notes) {
                s.append("- ").append(n).append('\n');
            }
        }
        s.append("\nFiles: `").append(p).append("results.csv` (this table), `").append(p)
                .append("rounds.csv` (every round's value), `").append(p)
                .append("results.json` (both, with these details), `").append(p).append("chart.svg`.\n");
        return s.toString();
    }
}
