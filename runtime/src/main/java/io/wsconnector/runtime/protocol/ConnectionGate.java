package io.wsconnector.runtime.protocol;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.task.InterruptableTask;
import io.helidon.http.Headers;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;

/**
 * Every TCP connection of the listener passes through here before it is HTTP/1 or a WebSocket: it is
 * counted against the connection cap, and it must send a complete request head (the upgrade request,
 * or a plain HTTP request) within the handshake timeout of being accepted, or of the previous response on
 * a kept-alive connection — otherwise it is closed, quietly, and counted ({@link CountedLog}).
 *
 * <p>The cap itself is Helidon's {@code maxTcpConnections}: at the cap, Helidon's listener stops
 * accepting, so the connections over it wait in the operating system's accept queue (the listen backlog)
 * without a descriptor, and are served in turn as connections close. Here, reaching the cap is logged.
 *
 * <p>The gate wraps Helidon's HTTP/1 {@link ServerConnectionSelector} (the listener's only one, so Helidon
 * hands it each connection as soon as it is accepted) and gives it a {@link GatedContext} in place of the
 * connection's own: its reader is where the request head is watched.
 */
public final class ConnectionGate implements ServerClock.Watch {
    private final int cap;
    private final long handshakeTimeoutNanos;
    private final CountedLog log;
    private final AtomicInteger open = new AtomicInteger();
    /** The connections waiting for a request head. */
    private final Set<GatedContext> awaitingHead = ConcurrentHashMap.newKeySet();

    /**
     * @param cap              the most connections at once, as Helidon enforces it; {@code -1} for none
     * @param handshakeTimeout how long a connection may take to send a request head
     * @param log              where closed connections and the cap are counted
     */
    public ConnectionGate(int cap, Duration handshakeTimeout, CountedLog log) {
        this.cap = cap;
        this.handshakeTimeoutNanos = handshakeTimeout.toNanos();
        this.log = log;
    }

    /**
     * Puts the gate in front of Helidon's HTTP/1 selector.
     *
     * @param http1 the selector that makes HTTP/1 connections
     * @return the selector to give the listener, in place of {@code http1}
     */
    public ServerConnectionSelector guard(ServerConnectionSelector http1) {
        return new GatedSelector(http1);
    }

    /** For the HTTP/1 layer's received data: a request head has been read, the connection is past the gate. */
    public Http1ConnectionListener requestHeads() {
        return new Http1ConnectionListener() {
            @Override
            public void headers(ConnectionContext ctx, Headers headers) {
                if (ctx instanceof GatedContext gated) {
                    gated.headRead();
                }
            }
        };
    }

    /** For the HTTP/1 layer's sent data: a response has begun; on a kept-alive connection, a request head is next. */
    public Http1ConnectionListener responses() {
        return new Http1ConnectionListener() {
            @Override
            public void status(ConnectionContext ctx, Status status) {
                if (ctx instanceof GatedContext gated) {
                    gated.responded();
                }
            }
        };
    }

    /** The clock's tick: closes the connections whose request head is overdue. */
    @Override
    public void check(long now) {
        for (GatedContext connection : awaitingHead) {
            long since = connection.headSinceNanos();
            if (since != 0 && now - since > handshakeTimeoutNanos && awaitingHead.remove(connection)) {
                log.count(CountedLog.Event.HANDSHAKE_TIMEOUT, () -> "Closed a connection from " + connection.remote()
                        + " that did not complete its request within the handshake timeout of "
                        + Duration.ofNanos(handshakeTimeoutNanos).toMillis() + " ms");
                connection.close();
            }
        }
    }

    /** A connection waits for a request head from now on. */
    void awaitHead(GatedContext connection) {
        awaitingHead.add(connection);
    }

    /** A connection no longer waits for a request head. */
    void headDone(GatedContext connection) {
        awaitingHead.remove(connection);
    }

    /** The client closed its connection in the middle of a request head. */
    void abandoned(GatedContext connection) {
        log.count(CountedLog.Event.HANDSHAKE_ABANDONED, () -> "A client at " + connection.remote()
                + " closed its connection in the middle of its request");
    }

    private void opened() {
        int count = open.incrementAndGet();
        if (cap > 0 && count >= cap) {
            log.count(CountedLog.Event.CONNECTION_CAP, () -> "Reached the connection cap of " + cap + " connections: "
                    + "new connections wait in the accept queue until others close");
        }
    }

    /** Helidon's HTTP/1 selector, with every connection it makes gated. */
    private final class GatedSelector implements ServerConnectionSelector {
        private final ServerConnectionSelector http1;

        GatedSelector(ServerConnectionSelector http1) {
            this.http1 = http1;
        }

        @Override
        public int bytesToIdentifyConnection() {
            return http1.bytesToIdentifyConnection();
        }

        @Override
        public Support supports(BufferData data) {
            return http1.supports(data);
        }

        @Override
        public Set<String> supportedApplicationProtocols() {
            return http1.supportedApplicationProtocols();
        }

        @Override
        public ServerConnection connection(ConnectionContext ctx) {
            GatedContext gated = new GatedContext(ctx, ConnectionGate.this);
            return new GatedConnection(http1.connection(gated), gated);
        }
    }

    /** An HTTP/1 connection (or, once upgraded, a WebSocket), counted while it runs. */
    private final class GatedConnection implements ServerConnection, InterruptableTask<Void> {
        private final ServerConnection connection;
        private final GatedContext context;

        GatedConnection(ServerConnection connection, GatedContext context) {
            this.connection = connection;
            this.context = context;
        }

        @Override
        public void handle(Limit limit) throws InterruptedException {
            opened();
            try {
                connection.handle(limit);
            } finally {
                open.decrementAndGet();
                headDone(context);
            }
        }

        @Override
        public Duration idleTime() {
            return connection.idleTime();
        }

        @Override
        public void close(boolean interrupt) {
            connection.close(interrupt);
        }

        /** Whether Helidon may interrupt the connection's thread to stop it: when its HTTP/1 connection may. */
        @Override
        public boolean canInterrupt() {
            return connection instanceof InterruptableTask<?> task && task.canInterrupt();
        }

        @Override
        public void run() {
            throw new UnsupportedOperationException("a connection, run by Helidon's connection handler");
        }
    }
}
