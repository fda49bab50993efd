package io.wsconnector.runtime.protocol;

import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import io.helidon.common.buffers.DataReader;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import io.wsconnector.runtime.CloseCodes;
import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.runtime.deflate.DeflateAgreement;
import io.wsconnector.runtime.spi.WebSocketDispatcher;

/**
 * One WebSocket connection after the handshake (RFC 6455, sections 5–7), on the connection's own thread:
 * reads frames ({@link FrameReader}), joins data frames into messages ({@link MessageAssembler}), answers
 * pings, and hands every event to the endpoint ({@link HandlerCalls}); writes its replies once it has
 * handled the input it has ({@link OutboundFrames}); ends with the closing handshake
 * ({@link CloseHandshake}), and delivers the close exactly once however the connection ends.
 *
 * <p>It also keeps the close timeout: after our close frame, the client has {@code closeTimeout} to
 * answer with its own before the TCP connection is closed anyway (RFC 6455, section 7.1.1). Meanwhile the
 * loop reads on, and drops data frames. (After failing the connection for a protocol error it stops
 * reading at once; reading on there too until the client's close or the timeout would go in {@link #end}.)
 */
final class WebSocketConnection implements ServerConnection {
    private static final System.Logger LOGGER = System.getLogger(WebSocketConnection.class.getName());
    private static final byte[] NO_BYTES = new byte[0];
    /** How long a stopping server waits for a connection's goodbye (1001) to be written. */
    private static final long STOP_WRITE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ConnectionContext ctx;
    private final ConnectionLimits limits;
    /** The permessage-deflate agreed; {@code null} if none. */
    private final DeflateAgreement compression;
    private final FrameReader frames;
    private final OutboundFrames outbound;
    private final CloseHandshake closing;
    private final ConnectionSession session;
    private final HandlerCalls calls;
    /** The server's idle checker and this connection's idle timeout; {@code null} if the endpoint has none. */
    private final IdleTimeouts idleTimeouts;
    private final IdleWatch idle;

    /** Created by the first data frame. */
    private MessageAssembler messages;
    /** Created by the first control frame. */
    private byte[] control;
    private volatile boolean finished;
    /** Set when the read loop is about to end anyway: our close frame needs no timer. */
    private volatile boolean ending;
    private volatile Thread closeTimer;

    /**
     * Sets up a connection whose handshake is under way, on the thread that will read it.
     *
     * @param ctx          the connection
     * @param route        its endpoint
     * @param dispatcher   the dispatcher of the endpoint instance that serves it
     * @param handshake    the opening handshake
     * @param sessionId    the session's id
     * @param limits       the server's limits
     * @param idleTimeouts the server's idle checker
     * @param compression  the permessage-deflate agreed in the handshake; {@code null} if none
     */
    WebSocketConnection(ConnectionContext ctx, EndpointRoutes.Route route, WebSocketDispatcher dispatcher,
                        Handshake handshake, String sessionId, ConnectionLimits limits, IdleTimeouts idleTimeouts,
                        DeflateAgreement compression) {
        this.ctx = ctx;
        this.limits = limits;
        this.compression = compression;
        this.frames = new FrameReader(ctx.dataReader(), compression != null);
        this.outbound = new OutboundFrames(sessionId, route.endpoint().path(), ctx.dataWriter(), Thread.currentThread(),
                limits, this::closeQueued, compression == null ? null : compression.newDeflater());
        this.closing = new CloseHandshake(outbound, limits.closeTimeout());
        EndpointSessions sessions = route.sessions();
        this.session = new ConnectionSession(sessionId, handshake, outbound, closing, sessions, sessions.roomMembers());
        this.calls = new HandlerCalls(route.endpoint().endpointClassName(), dispatcher, session, sessions);
        if (route.idleTimeoutNanos() > 0) {
            this.idleTimeouts = idleTimeouts;
            this.idle = new IdleWatch(frames, outbound, calls, ctx.executor(), route.idleTimeoutNanos());
        } else {
            this.idleTimeouts = null;
            this.idle = null;
        }
    }

    /** The session the endpoint's handlers see, from {@code onUpgrade} on. */
    WebSocketSession session() {
        return session;
    }

    /** The 101 response is written: the session can send. */
    void open() {
        outbound.open();
    }

    @Override
    public void handle(Limit limit) {
        try {
            calls.open();
            if (idle != null) {
                idleTimeouts.add(idle);
            }
            readFrames();
        } catch (ProtocolViolation violation) {
            // fail the connection (RFC 6455, section 7.1.7): close frame with the code, then TCP close
            LOGGER.log(Level.DEBUG, () -> "Closing session " + session.id() + " of " + session.sessions().path()
                    + " with " + violation.code() + ": " + violation.getMessage());
            end(violation.code(), violation.getMessage().getBytes(StandardCharsets.UTF_8), violation.getMessage());
        } catch (DataReader.InsufficientDataAvailableException | UncheckedIOException e) {
            // the client vanished (TCP reset, or closed without a close frame): 1006, below
        } finally {
            finished = true;
            if (idle != null) {
                idle.stop();
                idleTimeouts.remove(idle);
            }
            Thread timer = closeTimer;
            if (timer != null) {
                timer.interrupt();
            }
            if (outbound.markClosed()) {
                closeSocket(); // a writer stuck on a client that does not read: the closed socket releases it
            }
            if (messages != null) {
                messages.release();
            }
            calls.close(CloseCodes.ABNORMAL_CLOSURE, "");
        }
    }

    /**
     * For Helidon's idle-connection closing: the time since the last frame, or since the endpoint's
     * {@code onIdleTimeout} last ran (it chose to keep the connection).
     */
    @Override
    public Duration idleTime() {
        long since = idle != null ? idle.idleSinceNanos() : frames.lastInputNanos();
        return Duration.ofNanos(System.nanoTime() - since);
    }

    /**
     * Helidon stops the connection: the server is shutting down, or the connection was idle too long.
     * Says goodbye with 1001 and wakes the reader.
     */
    @Override
    public void close(boolean interrupt) {
        closing.serverStopping(STOP_WRITE_WAIT_NANOS);
        if (interrupt || frames.isWaiting()) {
            closeSocket();
        }
    }

    private void readFrames() {
        while (true) {
            if (frames.inputDrained()) {
                outbound.flush(); // all input handled: send the batch of replies before waiting
            }
            Opcode opcode = frames.next();
            switch (opcode) {
                case TEXT, BINARY, CONTINUATION -> dataFrame(opcode);
                case PING -> {
                    int length = readControlFrame();
                    outbound.sendPong(control, length); // first: the endpoint only observes pings
                    outbound.flush(); // on the wire before @OnPing runs, however long it takes
                    if (!outbound.closeSent()) {
                        calls.ping(Arrays.copyOf(control, length));
                    }
                }
                case PONG -> {
                    int length = readControlFrame();
                    if (!outbound.closeSent()) {
                        calls.pong(Arrays.copyOf(control, length));
                    }
                }
                case CLOSE -> {
                    int length = readControlFrame();
                    CloseHandshake.Status status = CloseHandshake.read(control, length);
                    // echo the client's code (RFC 6455, section 5.5.1); an empty close is answered with an empty one
                    end(status.code(), NO_BYTES, status.reason());
                    return;
                }
            }
        }
    }

    private void dataFrame(Opcode opcode) {
        if (messages == null) {
            messages = new MessageAssembler(limits.maxMessageSize(),
                    compression == null ? null : compression.newInflater());
        }
        if (outbound.closeSent()) {
            messages.skip(opcode, frames); // closing: data is no longer delivered
            return;
        }
        Opcode complete = messages.add(opcode, frames);
        if (complete == Opcode.TEXT) {
            calls.text(messages.takeText());
        } else if (complete == Opcode.BINARY) {
            calls.binary(messages.takeBinary());
        }
    }

    /** @return the length of the control frame's payload, now in {@code control} */
    private int readControlFrame() {
        if (control == null) {
            control = new byte[Frames.MAX_CONTROL_PAYLOAD];
        }
        int length = (int) frames.length();
        frames.readWhole(control);
        return length;
    }

    /** The closing handshake is over, or the connection failed: ends it and delivers the close. */
    private void end(int code, byte[] reasonSent, String reasonDelivered) {
        ending = true;
        closing.finish(code, reasonSent);
        calls.close(code, reasonDelivered);
    }

    /**
     * Our close frame is batched or queued: unless the read loop is ending anyway, the client has the
     * close timeout to answer; then the TCP connection is closed, which ends the read loop.
     */
    private void closeQueued() {
        if (ending || finished) {
            return;
        }
        Duration timeout = limits.closeTimeout();
        closeTimer = Thread.ofVirtual().name("wsconnector-close-" + session.id()).start(() -> {
            try {
                Thread.sleep(timeout);
            } catch (InterruptedException e) {
                return;
            }
            if (!finished) {
                closeSocket();
            }
        });
    }

    private void closeSocket() {
        try {
            ctx.serverSocket().close();
        } catch (RuntimeException e) {
            // already closed
        }
    }
}
