package io.wsconnector.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One echo server in its own JVM, as the runner sees it: started with the same flags for every kind, its
 * standard error and any stray output going to a log file, its {@code BENCH ...} lines answered to
 * {@link #command}. {@link #close()} asks it to quit and kills it if it does not; a shutdown hook kills
 * whatever is still alive when the runner exits.
 */
final class ServerProcess implements AutoCloseable {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Process p : LIVE) {
                p.destroyForcibly();
            }
        }, "bench-kill-servers"));
    }

    private final String kind;
    private final Process process;
    private final long startNanos;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final Writer log;
    private final OutputStream stdin;
    private int port = -1;

    private ServerProcess(String kind, Process process, long startNanos, Writer log) {
        this.kind = kind;
        this.process = process;
        this.startNanos = startNanos;
        this.log = log;
        this.stdin = process.getOutputStream();
    }

    /**
     * Starts {@code java <jvmArgs> -cp <classPath> io.wsconnector.bench.BenchMain server --kind kind ...}.
     *
     * @param port 0 for any free port (read from the READY line)
     */
    static ServerProcess start(Options options, String kind, int port, Path logFile) {
        return start(options, kind, "echo", port, logFile);
    }

    /**
     * Starts {@code ... BenchMain server --kind kind --app app ...}.
     *
     * @param app  {@code echo} ({@link EchoServers}), {@code deflate} (the same, agreeing to permessage-deflate in
     *             {@code options.deflateMode}) or {@code broadcast} ({@link BroadcastServers})
     * @param port 0 for any free port (read from the READY line)
     */
    static ServerProcess start(Options options, String kind, String app, int port, Path logFile) {
        return start(options, kind, app, port, logFile, List.of());
    }

    /**
     * Starts {@code ... BenchMain server --kind kind --app app ... extra}.
     *
     * @param app   as above, or {@code cluster} ({@link ClusterServers})
     * @param extra more server arguments, e.g. {@code --redis URI --node-id B}
     */
    static ServerProcess start(Options options, String kind, String app, int port, Path logFile, List<String> extra) {
        List<String> command = new ArrayList<>();
        command.add(options.java);
        command.addAll(options.serverJvmArgs);
        command.add("-cp");
        command.add(options.classPath);
        command.add(BenchMain.class.getName());
        command.add("server");
        command.add("--kind");
        command.add(kind);
        command.add("--host");
        command.add(Options.HOST);
        command.add("--port");
        command.add(String.valueOf(port));
        command.add("--max-message");
        command.add(String.valueOf(options.maxMessageBytes));
        command.add("--max-seconds");
        command.add(String.valueOf(options.serverMaxSeconds));
        command.add("--helidon-use-nio");
        command.add(String.valueOf(options.helidonUseNio));
        command.add("--netty-transport");
        command.add(options.nettyTransport);
        if (!app.equals("echo")) {
            command.add("--app");
            command.add(app);
            command.add("--send-queue-limit");
            command.add(String.valueOf(options.sendQueueLimit));
            command.add("--netty-broadcast-flush");
            command.add(options.nettyBroadcastFlush);
            command.add("--deflate-mode");
            command.add(options.deflateMode.id);
        }
        command.addAll(extra);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        Map<String, String> env = builder.environment();
        env.remove("JAVA_TOOL_OPTIONS"); // the same JVM flags for every server, nothing else
        env.remove("JDK_JAVA_OPTIONS");
        env.remove("_JAVA_OPTIONS");
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "$ " + String.join(" ", command) + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            long t0 = System.nanoTime();
            Process process = builder.start();
            LIVE.add(process);
            Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            ServerProcess server = new ServerProcess(kind, process, t0, log);
            Thread reader = new Thread(server::readStdout, "bench-" + kind + "-stdout");
            reader.setDaemon(true);
            reader.start();
            return server;
        } catch (IOException e) {
            throw new BenchException("cannot start the " + kind + " server: " + e.getMessage(), e);
        }
    }

    private void readStdout() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("BENCH ")) {
                    replies.add(line.substring("BENCH ".length()));
                }
                synchronized (log) {
                    log.write("[stdout] " + line + "\n");
                    log.flush();
                }
            }
        } catch (IOException ignored) {
            // the process is gone
        } finally {
            replies.add("EOF");
        }
    }

    /** The nanoTime just before the process was started. */
    long startNanos() {
        return startNanos;
    }

    String kind() {
        return kind;
    }

    /** Waits for {@code BENCH READY port=N} and returns N. */
    int awaitReady(Duration timeout) {
        String ready = reply("READY", timeout);
        port = Integer.parseInt(field(ready, "port"));
        return port;
    }

    int port() {
        return port;
    }

    /** Sends a command line and returns the reply starting with {@code expected}. */
    String command(String line, String expected, Duration timeout) {
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new BenchException("the " + kind + " server does not take commands any more: " + e.getMessage()
                    + exitInfo(), e);
        }
        return reply(expected, timeout);
    }

    private String reply(String expected, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = end - System.nanoTime();
                String r = left > 0 ? replies.poll(left, TimeUnit.NANOSECONDS) : null;
                if (r == null) {
                    throw new BenchException("the " + kind + " server did not answer " + expected + " within "
                            + timeout.toMillis() + " ms" + exitInfo());
                }
                if (r.equals("EOF")) {
                    replies.add("EOF");
                    throw new BenchException("the " + kind + " server ended before answering " + expected
                            + exitInfo());
                }
                if (r.startsWith(expected)) {
                    return r;
                }
                if (r.startsWith("ERROR")) {
                    throw new BenchException("the " + kind + " server: " + r);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted", e);
        }
    }

    private String exitInfo() {
        try {
            if (process.waitFor(200, TimeUnit.MILLISECONDS)) {
                return " (it exited with " + process.exitValue() + "; see its log)";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return " (see its log)";
    }

    static String field(String reply, String name) {
        for (String part : reply.split("\\s+")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        throw new BenchException("no " + name + "= in server reply '" + reply + "'");
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Asks the server to quit; kills it if it has not after 3 s. Never throws. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                try {
                    stdin.write("quit\n".getBytes(StandardCharsets.UTF_8));
                    stdin.flush();
                    stdin.close();
                } catch (IOException ignored) {
                    // killed below if need be
                }
                if (!process.waitFor(3, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(3, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
            LIVE.remove(process);
            synchronized (log) {
                try {
                    log.close();
                } catch (IOException ignored) {
                    // nothing to do
                }
            }
        }
    }
}
