package io.wsconnector.runtime;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.wsconnector.runtime.protocol.CountedLog;
import io.wsconnector.runtime.protocol.ServerClock;

/**
 * The Helidon WebServer that serves the endpoints, kept listening. Helidon 4.5's listener stops for good on
 * any error of {@code accept} — e.g. "Too many open files", when the process runs out of descriptors for
 * reasons the connection cap does not cover (its own files, outgoing connections) — and closes every
 * connection as it stops. So every {@value #PROBE_SECONDS} seconds the server's clock has the listener's
 * port probed: a port that refuses connections while the server runs has lost its listener, and a new
 * WebServer is built from the same configuration and started on the same port; a start that fails is tried
 * again {@value #RETRY_SECONDS} seconds later.
 */
final class KeptListener implements ServerClock.Watch {
    static final long PROBE_SECONDS = 1;
    static final long RETRY_SECONDS = 10;
    private static final int PROBE_TIMEOUT_MILLIS = 1_000;
    private static final System.Logger LOGGER = System.getLogger(KeptListener.class.getName());

    private final WebServerConfig.Builder config;
    private final InetAddress probed;
    private final CountedLog log;
    private final AtomicBoolean probing = new AtomicBoolean();

    private volatile WebServer server;
    private volatile boolean running;
    /** When the port is probed next, in {@link System#nanoTime()}. */
    private volatile long nextProbeNanos;

    /**
     * @param config the WebServer's configuration, ready to build, as many times as it takes
     * @param host   the address it listens on
     * @param log    where restarts are counted
     */
    KeptListener(WebServerConfig.Builder config, String host, CountedLog log) {
        this.config = config;
        this.server = config.build();
        this.probed = probeAddress(host);
        this.log = log;
    }

    /** Starts listening; from now on, the port the system chose (for port 0) is the port of every restart. */
    void start() {
        server.start();
        if (server.isRunning() && server.port() > 0) {
            config.port(server.port());
            running = true;
        }
    }

    /** Stops listening, for good. */
    void stop() {
        running = false;
        server.stop();
    }

    int port() {
        return server.port();
    }

    boolean isRunning() {
        return running && server.isRunning();
    }

    boolean hasTls() {
        return server.hasTls();
    }

    /** The clock's tick: probes the port now and then, on a thread of its own. */
    @Override
    public void check(long now) {
        if (!running || now - nextProbeNanos < 0 || !probing.compareAndSet(false, true)) {
            return;
        }
        nextProbeNanos = now + TimeUnit.SECONDS.toNanos(PROBE_SECONDS);
        Thread.ofVirtual().name("wsconnector-listener-probe").start(() -> {
            try {
                if (!accepts()) {
                    restart();
                }
            } catch (Throwable e) {
                LOGGER.log(Level.ERROR, "Probing or restarting the listener failed; trying again later", e);
            } finally {
                probing.set(false);
            }
        });
    }

    /** Whether the port takes a connection: refused means no listener (a full accept queue is no refusal). */
    private boolean accepts() {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(probed, port()), PROBE_TIMEOUT_MILLIS);
            return true;
        } catch (ConnectException refused) {
            return !running;
        } catch (IOException other) {
            return true; // a timeout (the queue is full), or no descriptor for the probe itself: not a stopped listener
        }
    }

    private synchronized void restart() {
        if (!running) {
            return;
        }
        WebServer stopped = server;
        log.count(CountedLog.Event.LISTENER_STOPPED, () -> "Helidon's listener on port " + stopped.port()
                + " stopped by itself (see its log above); starting a new one");
        try {
            stopped.stop();
        } catch (RuntimeException e) {
            // it stopped already
        }
        WebServer fresh = config.build();
        fresh.start();
        if (fresh.isRunning() && fresh.port() > 0) {
            server = fresh;
            LOGGER.log(Level.INFO, "Listening again on port " + fresh.port());
        } else {
            fresh.stop();
            nextProbeNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(RETRY_SECONDS);
        }
    }

    /** Where a probe connects: the listener's address, or the loopback address for all addresses. */
    private static InetAddress probeAddress(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            return address.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : address;
        } catch (IOException e) {
            return InetAddress.getLoopbackAddress();
        }
    }
}
