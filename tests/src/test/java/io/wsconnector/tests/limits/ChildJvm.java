package io.wsconnector.tests.limits;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link ChildServer} in a JVM of its own, started with the test's class path and the JVM options given
 * (e.g. {@code -Xmx64m}), optionally with a lower limit of open files ({@code prlimit}); its output (standard
 * output and error, where its log goes) is kept line by line. Closing it ends its standard input, which stops
 * the server, and destroys the process if it does not end within seconds.
 */
final class ChildJvm implements AutoCloseable {
    private static final Path PRLIMIT = Path.of("/usr/bin/prlimit");
    private static final long START_SECONDS = 60;

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();

    private ChildJvm(Process process) {
        this.process = process;
        Thread.ofPlatform().daemon().name("child-jvm-output").start(this::readOutput);
    }

    /** Whether this machine can start a process with a lower limit of open files. */
    static boolean canLimitOpenFiles() {
        return Files.isExecutable(PRLIMIT);
    }

    /**
     * Starts a child server and waits until it listens.
     *
     * @param openFiles  the child's limit of open files (soft and hard), or 0 to keep the test's
     * @param jvmOptions options for the child's JVM
     * @param serverArgs arguments for {@link ChildServer}
     */
    static ChildJvm start(int openFiles, List<String> jvmOptions, String... serverArgs) throws Exception {
        List<String> command = new ArrayList<>();
        if (openFiles > 0) {
            command.add(PRLIMIT.toString());
            command.add("--nofile=" + openFiles + ":" + openFiles);
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ChildServer.class.getName());
        command.addAll(List.of(serverArgs));
        ChildJvm child = new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
        try {
            child.port.get(START_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            child.close();
            throw new AssertionError("the child server did not start within " + START_SECONDS + " s: " + child.output(), e);
        }
        return child;
    }

    int port() {
        return port.join();
    }

    /** Everything the child has printed so far, one entry per line. */
    List<String> output() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** The lines printed so far that contain {@code text}. */
    List<String> linesContaining(String text) {
        return output().stream().filter(line -> line.contains(text)).toList();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                synchronized (lines) {
                    lines.add(line);
                }
                if (line.startsWith("PORT ")) {
                    port.complete(Integer.parseInt(line.substring("PORT ".length()).trim()));
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
        port.completeExceptionally(new IllegalStateException("the child exited"));
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
