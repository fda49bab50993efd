package io.wsconnector.bench;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The runner's command line. */
final class Options {
    static final String HOST = "127.0.0.1";
    /** The JVM flags of every server process, identical for all three. */
    static final List<String> DEFAULT_SERVER_JVM_ARGS = Runtime.version().feature() >= 23
            ? List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC",
                    // JDK 24+ warns on (and Netty then avoids) sun.misc.Unsafe memory access unless
                    // allowed; JDK 21 and 22 do not know the option
                    "--sun-misc-unsafe-memory-access=allow")
            : List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC");

    static final String USAGE = """
            usage: java -jar bench/target/wsconnector-bench.jar [options]
              --quick                 a smoke run of about a minute: 1 round, 0.3 s warm-up, 0.7 s measured,
                                      200 idle connections, no unmeasured startup launch; its files are named
                                      quick-... so that it replaces no measured results
              --rounds N              measured rounds per scenario and server (default 3)
              --warmup S              warm-up seconds before each measured window (default 2)
              --seconds S             measured seconds per throughput/latency/allocation run (default 4)
              --scenarios 1,2,...     which scenarios (default 1,2,3,4,5,6; "all" for 1-9):
                                      1 throughput, 2 latency, 3 large, 4 idle connections, 5 startup, 6 allocation,
                                      7 fanout (1 sender, 1,000 receivers), 8 slow-consumer (100 receivers and one
                                      client that stops reading), 9 deflate (1 KiB JSON-like echo with
                                      permessage-deflate; ours and netty only)
              --servers a,b,...       which servers, in this order each round (default ours,helidon,netty)
              --idle-connections N    connections held open in scenario 4 (default 5000)
              --large-kind binary|text  the frames of scenario 3 (default binary)
              --out DIR               where results go (default bench/results next to the jar's target/)
              --file-prefix P         prefix of the result files (default none; "broadcast-" when only scenarios
                                      7 and 8 run, so that they do not replace a full run's results;
                                      "quick-" before it with --quick)
              --deflate-mode M        scenario 9: no-context (default: no context takeover either way, ours'
                                      default) or context (context takeover both ways)
              --fanout-window N       messages in flight in scenarios 7 and 8 (default 16)
              --netty-broadcast-flush each|batch  scenarios 7 and 8: the hand-written Netty broadcast flushes each
                                      message (group.writeAndFlush, default) or once per read batch
                                      (group.write with void promises, group.flush on channelReadComplete)
              --send-queue-limit B    ours' per-session send-queue limit in scenarios 7 and 8 (default 1048576,
                                      the runtime's default)
              --server-jvm-args "..." the server JVMs' flags, replacing the default
                                      "-Xms512m -Xmx512m -XX:+UseG1GC --sun-misc-unsafe-memory-access=allow"
              --verbose               print each run's phases with their times
              --java PATH             the java that runs the servers (default: the one running this)
              --helidon-use-nio B     whether the hand-written Helidon server uses NIO sockets (default false,
                                      as wsconnector's WebSocketServer does)
              --netty-transport T     nio (default) or epoll (Netty's native transport, Linux x86_64)
            other commands:
              selfcheck               proves in a few seconds that corrupted or lost echoes are caught
              server --kind K ...     one echo server (what the runner starts)
            """;

    int rounds = 3;
    Duration warmup = Duration.ofSeconds(2);
    Duration measure = Duration.ofSeconds(4);
    List<Integer> scenarios = List.of(1, 2, 3, 4, 5, 6);
    List<String> servers = EchoServers.KINDS;
    int idleConnections = 5000;
    /** Scenario 3's frames: binary, as the issue asks (text was the stand-in before @OnBinaryMessage existed). */
    PayloadKind largeKind = PayloadKind.BINARY;
    boolean quick;
    boolean verbose;
    Path out;
    Path logs;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = absoluteClassPath(System.getProperty("java.class.path"));
    List<String> serverJvmArgs = DEFAULT_SERVER_JVM_ARGS;
    int maxMessageBytes = 1024 * 1024;
    int sendQueueLimit = io.wsconnector.runtime.WebSocketServer.DEFAULT_SEND_QUEUE_LIMIT;
    /** Scenarios 7 and 8: messages in flight at most (see {@link Scenarios#FANOUT_WINDOW}). */
    int fanoutWindow = Scenarios.FANOUT_WINDOW;
    /** Scenarios 7 and 8: {@code each} (Netty's {@code group.writeAndFlush}) or {@code batch}. */
    String nettyBroadcastFlush = "each";
    /** Scenario 9: the permessage-deflate mode offered. */
    DeflateMode deflateMode = DeflateMode.NO_CONTEXT;
    /** Put before each result file's name. */
    String filePrefix = "";
    boolean helidonUseNio = EchoServers.HELIDON_USE_NIO_DEFAULT;
    String nettyTransport = "nio";
    long serverMaxSeconds = 900;
    final List<String> commandLine;

    private Options(String[] args) {
        this.commandLine = List.of(args);
    }

    private static String absoluteClassPath(String classPath) {
        List<String> entries = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(Path.of(entry).toAbsolutePath().toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    static Options parse(String[] args) {
        Options o = new Options(args);
        Path outArg = null;
        String prefixArg = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            if (name.equals("--quick")) {
                o.quick = true;
                continue;
            }
            if (name.equals("--verbose")) {
                o.verbose = true;
                continue;
            }
            if (name.equals("--help") || name.equals("-h")) {
                throw new UsageException("");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException(name + " needs a value");
                }
                value = args[++i];
            }
            try {
                switch (name) {
                    case "--rounds" -> o.rounds = positive(name, Integer.parseInt(value));
                    case "--warmup" -> o.warmup = seconds(name, value);
                    case "--seconds" -> o.measure = seconds(name, value);
                    case "--scenarios" -> o.scenarios = scenarios(value);
                    case "--servers" -> o.servers = servers(value);
                    case "--idle-connections" -> o.idleConnections = positive(name, Integer.parseInt(value));
                    case "--large-kind" -> o.largeKind = PayloadKind.parse(value);
                    case "--out" -> outArg = Path.of(value);
                    case "--file-prefix" -> prefixArg = filePrefix(value);
                    case "--send-queue-limit" -> o.sendQueueLimit = positive(name, Integer.parseInt(value));
                    case "--fanout-window" -> o.fanoutWindow = positive(name, Integer.parseInt(value));
                    case "--deflate-mode" -> o.deflateMode = DeflateMode.parse(value);
                    case "--netty-broadcast-flush" -> {
                        if (!value.equals("each") && !value.equals("batch")) {
                            throw new UsageException("--netty-broadcast-flush takes each or batch");
                        }
                        o.nettyBroadcastFlush = value;
                    }
                    case "--server-jvm-args" -> o.serverJvmArgs = List.of(value.trim().split("\\s+"));
                    case "--java" -> o.java = value;
                    case "--helidon-use-nio" -> o.helidonUseNio = bool(name, value);
                    case "--netty-transport" -> {
                        if (!value.equals("nio") && !value.equals("epoll")) {
                            throw new UsageException("--netty-transport takes nio or epoll");
                        }
                        o.nettyTransport = value;
                    }
                    default -> throw new UsageException("unknown option " + name);
                }
            } catch (IllegalArgumentException e) {
                if (e instanceof UsageException) {
                    throw e;
                }
                throw new UsageException("bad value '" + value + "' for " + name + ": " + e.getMessage());
            }
        }
        if (o.quick) {
            boolean explicit = false;
            for (String a : args) {
                explicit |= a.startsWith("--rounds") || a.startsWith("--warmup") || a.startsWith("--seconds")
                        || a.startsWith("--idle-connections");
            }
            if (!explicit) {
                o.rounds = 1;
                o.warmup = Duration.ofMillis(300);
                o.measure = Duration.ofMillis(700);
                o.idleConnections = 200;
            }
        }
        if (o.idleConnections > 30000) {
            throw new UsageException("--idle-connections is limited to 30000 (ephemeral ports, file descriptors)");
        }
        // a smoke run never replaces measured results: quick-summary.md, quick-broadcast-summary.md, ...
        o.filePrefix = prefixArg != null ? prefixArg
                : (o.quick ? "quick-" : "") + (Metric.BROADCAST_SCENARIOS.containsAll(o.scenarios) ? "broadcast-"
                : o.scenarios.equals(List.of(Metric.DEFLATE_SCENARIO)) ? "deflate-" + o.deflateMode.id + "-" : "");
        Path benchDir = benchDirectory();
        o.out = outArg != null ? outArg : benchDir.resolve("results");
        o.logs = benchDir.resolve("target").resolve("bench-logs");
        return o;
    }

    /** bench/ when running from bench/target/wsconnector-bench.jar or bench/target/classes; else the current directory's bench/. */
    static Path benchDirectory() {
        try {
            Path location = Path.of(Options.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = location.getParent(); // .../target from target/classes or target/wsconnector-bench.jar
            if (target != null && target.getFileName() != null && target.getFileName().toString().equals("target")
                    && target.getParent() != null) {
                return target.getParent().toAbsolutePath();
            }
        } catch (URISyntaxException | RuntimeException ignored) {
            // fall through
        }
        return Path.of("bench").toAbsolutePath();
    }

    private static boolean bool(String name, String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw new UsageException(name + " takes true or false");
        }
        return Boolean.parseBoolean(value);
    }

    private static int positive(String name, int n) {
        if (n < 1) {
            throw new UsageException(name + " must be at least 1");
        }
        return n;
    }

    private static Duration seconds(String name, String value) {
        double s = Double.parseDouble(value);
        if (!(s > 0) || s > 3600) {
            throw new UsageException(name + " must be between 0 and 3600 seconds");
        }
        return Duration.ofNanos((long) (s * 1e9));
    }

    private static String filePrefix(String value) {
        if (!value.matches("[A-Za-z0-9._-]*")) {
            throw new UsageException("--file-prefix takes letters, digits, '.', '_' and '-'");
        }
        return value;
    }

    private static List<Integer> scenarios(String value) {
        if (value.trim().equals("all")) {
            return List.of(1, 2, 3, 4, 5, 6, 7, 8, 9);
        }
        List<Integer> list = new ArrayList<>();
        for (String s : value.split(",")) {
            int n = Integer.parseInt(s.trim());
            if (n < 1 || n > 9) {
                throw new UsageException("scenarios are numbered 1 to 9, not " + n);
            }
            if (!list.contains(n)) {
                list.add(n);
            }
        }
        return List.copyOf(list);
    }

    private static List<String> servers(String value) {
        List<String> list = new ArrayList<>();
        for (String s : value.split(",")) {
            String k = s.trim().toLowerCase(Locale.ROOT);
            if (!EchoServers.KINDS.contains(k) && !EchoServers.FAULTY_KINDS.contains(k)) {
                throw new UsageException("unknown server '" + k + "'; use " + EchoServers.KINDS);
            }
            if (!list.contains(k)) {
                list.add(k);
            }
        }
        return List.copyOf(list);
    }

    String describe() {
        return "rounds=" + rounds + ", warm-up=" + seconds(warmup) + " s, measured=" + seconds(measure)
                + " s, idle connections=" + idleConnections + ", scenario 3 frames=" + largeKind
                + ", hand-written Helidon on " + (helidonUseNio ? "NIO" : "blocking") + " sockets, Netty on "
                + nettyTransport
                + (scenarios.stream().anyMatch(Metric.BROADCAST_SCENARIOS::contains)
                ? ", fan-out window=" + fanoutWindow + ", ours' send-queue limit=" + sendQueueLimit
                + " B, Netty broadcast flushes " + (nettyBroadcastFlush.equals("each") ? "each message"
                : "once per read batch") : "")
                + (scenarios.contains(Metric.DEFLATE_SCENARIO) ? ", permessage-deflate mode " + deflateMode : "")
                + (quick ? " (--quick)" : "");
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3g", d.toNanos() / 1e9);
    }

    @Override
    public String toString() {
        return describe() + "; servers " + servers + "; scenarios " + scenarios + "; server JVM "
                + String.join(" ", serverJvmArgs) + "; class path " + Arrays.asList(classPath.split(File.pathSeparator));
    }

    /** A command-line mistake: printed with the usage. */
    static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
