package io.wsconnector.runtime.protocol;

import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import io.helidon.common.buffers.DataReader;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.webserver.CloseConnectionException;
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
 * ({@link CloseHandshake}), and delivers the close exactly once however the connection ends. Its deadlines
 * (idle, message, slow consumer) are kept by the server's clock ({@link ConnectionDeadlines}).
 *
 * <p>It also keeps the close timeout: after our close frame, the client has {@code closeTimeout} to
 * answer with its own before the TCP connection is closed anyway (RFC 6455, section 7.1.1). Meanwhile the
 * loop reads on, and drops data frames — also after the server failed the connection (a broken rule, a
 * message over a limit): a client still sending when our close frame arrives would otherwise have its
 * connection reset, and lose the close frame (a browser then reports 1006). The frame that broke the rule is
 * skipped and the client's close frame looked for among the next ones; only when not even a frame's length
 * could be read is the input dropped unread, until the client closes or pauses.
 *
 * <p>Nothing escapes to Helidon, whose HTTP/1 layer would write an HTTP 500 into the WebSocket stream:
 * running out of memory closes the connection with 1013, anything else unexpected with 1011.
 */
final class WebSocketConnection implements ServerConnection {
    private static final System.Logger LOGGER = System.getLogger(WebSocketConnection.class.getName());
    private static final byte[] NO_BYTES = new byte[0];
    private static final byte[] MESSAGE_TIMEOUT_REASON = "Message not completed in time".getBytes(StandardCharsets.UTF_8);
    /** How long a stopping server waits for a connection's goodbye (1001) to be written. */
    private static final long STOP_WRITE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ConnectionContext ctx;
    private final ConnectionLimits limits;
    private final EndpointMetrics metrics;
    private final MessageTally tally;
    private final ServerServices services;
    private final FrameReader frames;
    private final MessageAssembler messages;
    private final OutboundFrames outbound;
    private final CloseHandshake closing;
    private final ConnectionSession session;
    private final HandlerCalls calls;
    private final ConnectionDeadlines deadlines;

    /** Created by the first control frame. */
    private byte[] control;
    private volatile boolean finished;
    /** Set when the read loop is about to end anyway: our close frame needs no timer. */
    private volatile boolean ending;
    private volatile Thread closeTimer;

    /**
     * Sets up a connection whose handshake is under way, on the thread that will read it.
     *
     * @param ctx        the connection
     * @param route      its endpoint, with the limits of its connections
     * @param dispatcher the dispatcher of the endpoint instance that serves it
     * @param handshake  the opening handshake
     * @param sessionId  the session's id
     * @param services   the server's clock, inbound budget and counted log
     * @param compression the permessage-deflate agreed in the handshake; {@code null} if none
     */
    WebSocketConnection(ConnectionContext ctx, EndpointRoutes.Route route, WebSocketDispatcher dispatcher,
                        Handshake handshake, String sessionId, ServerServices services, DeflateAgreement compression) {
        this.ctx = ctx;
        this.limits = route.limits();
        this.metrics = route.metrics();
        this.tally = new MessageTally(Thread.currentThread(), route.messages());
        this.services = services;
        this.frames = new FrameReader(ctx.dataReader(), compression != null);
        this.messages = new MessageAssembler(limits.maxMessageSize(), services.inboundBudget(), tally,
                compression == null ? null : compression.newInflater());
        String path = route.endpoint().path();
        this.outbound = new OutboundFrames(sessionId, path, ctx.dataWriter(), Thread.currentThread(),
                limits.sendQueue(), metrics, tally, services.log(), this::closeQueued,
                compression == null ? null : compression.newDeflater());
        this.closing = new CloseHandshake(outbound, limits.closeTimeout());
        EndpointSessions sessions = route.sessions();
        this.session = new ConnectionSession(sessionId, handshake, outbound, closing, sessions, sessions.roomMembers());
        this.calls = new HandlerCalls(route.endpoint().endpointClassName(), dispatcher, session, sessions, metrics,
                services.log());
        IdleWatch idle = route.idleTimeoutNanos() > 0
                ? new IdleWatch(frames, outbound, calls, ctx.executor(), route.idleTimeoutNanos(), this::cutOffStalled)
                : null;
        this.deadlines = new ConnectionDeadlines(idle, frames, messages, limits.messageTimeout(), outbound,
                limits.sendQueue().hasSoftLimit(), this::messageTimedOut, this::closeSocket);
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
            tally.start();
            calls.open();
            services.clock().add(deadlines);
            readFrames();
        } catch (ProtocolViolation violation) {
            if (violation.code() == CloseCodes.TRY_AGAIN_LATER) {
                services.log().count(CountedLog.Event.INBOUND_LIMIT, () -> "Session " + session.id() + " of "
                        + session.sessions().path() + ": a message would pass the server's inbound buffer limit; "
                        + "closing the session with 1013");
            }
            fail(violation.code(), violation.getMessage(), violation.framesReadable());
        } catch (DataReader.InsufficientDataAvailableException | UncheckedIOException | CloseConnectionException e) {
            // the client vanished (TCP reset, or closed without a close frame), or the socket was closed: 1006
        } catch (OutOfMemoryError e) {
            messages.abandon(); // gives the memory back first
            services.log().count(CountedLog.Event.OUT_OF_MEMORY, () -> "Session " + session.id() + " of "
                    + session.sessions().path() + " ran out of memory; closing it with 1013");
            fail(CloseCodes.TRY_AGAIN_LATER, "Server out of memory", true);
        } catch (Throwable e) {
            LOGGER.log(Level.ERROR, "Session " + session.id() + " of " + session.sessions().path() + " failed; "
                    + "closing it with 1011", e);
            fail(CloseCodes.INTERNAL_ERROR, HandlerCalls.INTERNAL_ERROR_REASON, false);
        } finally {
            finished = true;
            services.clock().remove(deadlines);
            deadlines.stop();
            Thread timer = closeTimer;
            if (timer != null) {
                timer.interrupt();
            }
            messages.abandon(); // gives back what the message buffer was charged
            messages.release(); // and the inflater, if any
            if (outbound.markClosed()) {
                closeSocket(); // a writer stuck on a client that does not read: the closed socket releases it
            }
            calls.close(CloseCodes.ABNORMAL_CLOSURE, "");
            tally.end();
        }
    }

    /**
     * For Helidon's idle-connection closing: the time since the last frame, or since the endpoint's
     * {@code onIdleTimeout} last ran (it chose to keep the connection).
     */
    @Override
    public Duration idleTime() {
        return Duration.ofNanos(System.nanoTime() - deadlines.idleSinceNanos(frames.lastInputNanos()));
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
        if (outbound.closeSent()) {
            messages.skip(opcode, frames); // closing: data is no longer delivered
            return;
        }
        Opcode complete = messages.add(opcode, frames);
        if (complete == Opcode.TEXT) {
            if (calls.takesUtf8Text()) {
                calls.utf8Text(messages.takeBytes());
            } else {
                calls.text(messages.takeText());
            }
        } else if (complete == Opcode.BINARY) {
            calls.binary(messages.takeBytes());
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

    /** The closing handshake is over: ends the connection and delivers the close. */
    private void end(int code, byte[] reasonSent, String reasonDelivered) {
        ending = true;
        closing.finish(code, reasonSent);
        calls.close(code, reasonDelivered);
    }

    /**
     * Fails the connection (RFC 6455, section 7.1.7): our close frame with the code, the close delivered,
     * then the client's input read on and dropped — as frames, skipping data, until its close frame; or, when
     * the frames can no longer be trusted, unread until it closes — until the client pauses for
     * {@value ConnectionDeadlines#LINGER_PAUSE_MILLIS} ms, and at the latest until the close timeout closes
     * the socket. Only then is TCP closed, so that a client still sending is not reset (a lingering close;
     * Helidon's socket cannot be half-closed first).
     *
     * @param framesReadable whether the input can still be read as frames
     */
    private void fail(int code, String reason, boolean framesReadable) {
        LOGGER.log(Level.DEBUG, () -> "Closing session " + session.id() + " of " + session.sessions().path() + " with "
                + code + ": " + reason);
        byte[] reasonBytes = reason.getBytes(StandardCharsets.UTF_8);
        try {
            closing.fail(code, reasonBytes);
            calls.close(code, reason);
            deadlines.lingering();
            readOnAfterFailure(framesReadable);
        } catch (Throwable e) {
            // the client closed, or the close timeout closed the socket: the connection is over
        }
        if (!ending) {
            end(code, reasonBytes, reason);
        }
    }

    /** Reads what the client sends after our close frame until its close frame, its end or the close timeout. */
    private void readOnAfterFailure(boolean framesReadable) {
        if (framesReadable) {
            try {
                messages.abandon();
                frames.skipPayload(); // the rest of the frame that failed
                readFrames(); // ends with the client's close frame; data is dropped, our close frame being sent
                return;
            } catch (ProtocolViolation broken) {
                // the client breaks the rules on top: its input is dropped unread from here on
            }
        }
        frames.discardUntilEnd();
    }

    /**
     * The message timeout has passed on a message begun: closes the connection with 1008. On the server's
     * clock; the read loop drops the rest of the message, and the close timeout ends a client that stalls.
     */
    private void messageTimedOut() {
        services.log().count(CountedLog.Event.MESSAGE_TIMEOUT, () -> "Session " + session.id() + " of "
                + session.sessions().path() + " did not complete a message within the message timeout of "
                + limits.messageTimeout().toMillis() + " ms; closing it with 1008");
        outbound.sendClose(CloseCodes.POLICY_VIOLATION, MESSAGE_TIMEOUT_REASON);
    }

    /**
     * The idle timeout has passed while a write to the client has been waiting as long: the client neither
     * sends nor reads. On the server's clock: closes the socket, which fails that write; the handler waiting
     * in it is not to blame ({@link ConnectionFailedException}).
     */
    private void cutOffStalled() {
        services.log().count(CountedLog.Event.STALLED_CLIENT, () -> "Session " + session.id() + " of "
                + session.sessions().path() + " closed by its idle timeout: its client has sent nothing for the idle "
                + "timeout, and has not read what was sent to it for as long");
        closeSocket();
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
