package io.wsconnector.cluster.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A real {@code redis-server} (Debian's package {@code redis-server}, 7.x) on a free local port, in a
 * temporary directory, without persistence: started by a test, stopped by it, and restarted on the same
 * port to play an outage. Public, in the module's test jar, for the tests of other modules.
 */
public final class RedisProcess implements AutoCloseable {
    private static final String EXECUTABLE = "redis-server";
    private static final Duration START_LIMIT = Duration.ofSeconds(20);

    private final int port;
    private final List<String> extraArguments;
    private final Path directory;
    private Process process;

    private RedisProcess(int port, List<String> extraArguments) throws IOException {
        this.port = port;
        this.extraArguments = extraArguments;
        this.directory = Files.createTempDirectory("redis-" + port + "-");
    }

    /**
     * A standalone Redis on a free port.
     *
     * @return the running server
     */
    public static RedisProcess start() {
        return start(List.of());
    }

    /**
     * A Redis on a free port with these extra arguments.
     *
     * @param extraArguments e.g. {@code --cluster-enabled yes}
     * @return the running server
     */
    public static RedisProcess start(List<String> extraArguments) {
        try {
            RedisProcess redis = new RedisProcess(freePort(), extraArguments);
            redis.startProcess();
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the port */
    public int port() {
        return port;
    }

    /** @return {@code redis://127.0.0.1:PORT} */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** @return a new client connection; the caller closes it */
    public Jedis client() {
        return new Jedis("127.0.0.1", port);
    }

    /** Stops the server (SIGTERM) and waits for it to exit: clients see their connections closed. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts it again on the same port, empty. */
    public void restart() {
        stop();
        try {
            startProcess();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void startProcess() throws IOException {
        List<String> command = new ArrayList<>(List.of(EXECUTABLE, "--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory.toString()));
        command.addAll(extraArguments);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new IOException("Cannot run " + EXECUTABLE + ": the tests need Redis 7 (Debian: apt-get install -y"
                    + " redis-server)", e);
        }
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (true) {
            try (Jedis jedis = client()) {
                if ("PONG".equals(jedis.ping())) {
                    return;
                }
            } catch (JedisException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    stop();
                    throw new IllegalStateException("redis-server on port " + port + " did not start; its log: "
                            + Files.readString(directory.resolve("redis.log")), e);
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
