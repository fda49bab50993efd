package io.wsconnector.runtime;

import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;

import io.helidon.common.buffers.DataReader;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import io.wsconnector.runtime.spi.WebSocketDispatcher;
import io.wsconnector.runtime.spi.WebSocketEndpoint;

/**
 * One WebSocket connection after the handshake (RFC 6455, sections 5–7): reads frames from Helidon's
 * {@link DataReader} on the connection's own thread, checks every rule a server must enforce, joins
 * fragments under the size limit while validating UTF-8 as the bytes arrive, answers pings, runs the
 * closing handshake, and calls the endpoint's generated {@link WebSocketDispatcher}: open first, then
 * whole messages, control frames and idle timeouts, then close exactly once, however the connection ends.
 *
 * <p>Most callbacks run on the connection's thread; an idle timeout runs on a thread of Helidon's
 * executor, and the failure of a stage a handler returned on whichever thread failed it. A dispatch lock
 * makes them take turns: a callback never runs while another one of the same connection does. A stage
 * failure reported while this thread is inside a callback waits until that callback returns.
 */
final class WebSocketConnection implements ServerConnection {
    private static final System.Logger LOGGER = System.getLogger(WebSocketServer.class.getName());
    static final String INTERNAL_ERROR_REASON = "Internal server error";
    private static final int MAX_CONTROL_PAYLOAD = 125;

    // the events of invoke(), and the handler names logged when one fails
    private static final int OPEN = 0;
    private static final int TEXT = 1;
    private static final int BINARY = 2;
    private static final int PING = 3;
    private static final int PONG = 4;
    private static final int IDLE = 5;
    private static final String[] HANDLERS = {"@OnOpen", "@OnTextMessage", "@OnBinaryMessage", "@OnPing", "@OnPong",
            "@OnIdleTimeout"};
    /** A message buffer larger than this is dropped after the message, so that idle connections stay small. */
    private static final int RETAINED_MESSAGE_BUFFER = 64 * 1024;
    private static final byte[] NO_BYTES = new byte[0];
    /** How long a stopping server waits for a connection's goodbye (1001) to be written. */
    private static final long STOP_WRITE_WAIT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);

    private final ConnectionContext ctx;
    private final DataReader reader;
    private final WebSocketEndpoint endpoint;
    private final WebSocketDispatcher dispatcher;
    private final ConnectionSession session;
    private final WebSocketProtocol protocol;
    private final Utf8Validator utf8 = new Utf8Validator();
    private final long idleTimeoutNanos;
    private final ReentrantLock dispatchLock = new ReentrantLock();
    private final EndpointSessions endpointSessions;

    /** The opcode of the message being received (text or binary), or -1 between messages. */
    private int messageOpcode = -1;
    private byte[] message = NO_BYTES;
    private int messageLength;
    private byte[] control;
    /** Guarded by the dispatch lock. */
    private boolean closeDelivered;
    /** Failures of handler stages reported while this thread was in a callback; guarded by the dispatch lock. */
    private List<Throwable> deferredFailures;

    private volatile long lastFrameNanos = System.nanoTime();
    /** When the last idle timeout was handled: the idle time counts from then too. */
    private volatile long idleRestartNanos = lastFrameNanos;
    /** Set while an idle timeout is on its way to the dispatcher, so that it is not fired twice. */
    private volatile boolean idleFiring;
    private volatile boolean reading;
    private volatile boolean finished;
    /** Set when the read loop is about to end anyway: our close frame needs no timer. */
    private volatile boolean ending;
    private volatile Thread closeTimer;

    /**
     * @param ctx        the upgraded connection
     * @param route      its endpoint
     * @param dispatcher the dispatcher whose {@code onUpgrade} accepted the connection
     * @param session    the session {@code onUpgrade} saw
     * @param protocol   the server's configuration
     */
    WebSocketConnection(ConnectionContext ctx, EndpointRoutes.Route route, WebSocketDispatcher dispatcher,
                        ConnectionSession session, WebSocketProtocol protocol) {
        this.ctx = ctx;
        this.reader = ctx.dataReader();
        this.endpoint = route.endpoint();
        this.idleTimeoutNanos = route.idleTimeoutNanos();
        this.protocol = protocol;
        this.session = session;
        this.dispatcher = dispatcher;
        this.endpointSessions = route.sessions();
        session.connection(this);
    }

    @Override
    public void handle(Limit limit) {
        try {
            endpointSessions.add(session); // before @OnOpen: a broadcast from it reaches this client too
            invoke(OPEN, null);
            if (idleTimeoutNanos > 0) {
                protocol.idleTimeouts().add(this);
            }
            readFrames();
        } catch (ProtocolViolation violation) {
            failConnection(violation.code, violation.getMessage());
        } catch (DataReader.InsufficientDataAvailableException | UncheckedIOException e) {
            // the client vanished (TCP reset, or closed without a close frame): 1006, below
        } finally {
            finished = true;
            if (idleTimeoutNanos > 0) {
                protocol.idleTimeouts().remove(this);
            }
            Thread timer = closeTimer;
            if (timer != null) {
                timer.interrupt();
            }
            session.markClosed();
            if (session.isWriting()) {
                closeSocket(); // a writer stuck on a client that does not read: the closed socket releases it
            }
            deliverClose(CloseCodes.ABNORMAL_CLOSURE, "");
        }
    }

    /**
     * For Helidon's idle-connection closing: the time since the last frame, or since the endpoint's
     * {@code onIdleTimeout} last ran (it chose to keep the connection).
     */
    @Override
    public Duration idleTime() {
        return Duration.ofNanos(System.nanoTime() - idleSinceNanos());
    }

    /** When the connection last showed life: its last frame, or the last idle timeout it survived. */
    private long idleSinceNanos() {
        return Math.max(lastFrameNanos, idleRestartNanos);
    }

    /**
     * Called by the server's idle checker every tick: if no frame has arrived for the idle timeout, hands
     * the timeout to a thread of Helidon's executor, which waits its turn to call the dispatcher.
     */
    void checkIdle(long now) {
        if (idleFiring || finished || session.closeSent()
                || now - idleSinceNanos() < idleTimeoutNanos) {
            return;
        }
        idleFiring = true;
        try {
            ctx.executor().execute(this::fireIdleTimeout);
        } catch (RejectedExecutionException e) {
            idleFiring = false; // the server is stopping
        }
    }

    private void fireIdleTimeout() {
        dispatchLock.lock();
        try {
            // a frame may have arrived, or the connection closed, while this waited its turn
            if (!closeDelivered && !session.closeSent()
                    && System.nanoTime() - idleSinceNanos() >= idleTimeoutNanos) {
                call(IDLE, null);
                idleRestartNanos = System.nanoTime();
            }
        } finally {
            idleFiring = false;
            release();
        }
    }

    /**
     * A stage returned by a message handler failed: handled like
     * an exception thrown by the handler, in its turn.
     */
    void stageFailed(Throwable failure) {
        if (dispatchLock.isHeldByCurrentThread()) {
            // reported from inside a callback (the stage had failed already): after that callback
            if (deferredFailures == null) {
                deferredFailures = new ArrayList<>(1);
            }
            deferredFailures.add(failure);
            return;
        }
        dispatchLock.lock();
        try {
            stageFailedInTurn(failure);
        } finally {
            release();
        }
    }

    private void stageFailedInTurn(Throwable failure) {
        if (closeDelivered) {
            LOGGER.log(Level.ERROR, "A stage returned by a handler of " + endpoint.endpointClassName()
                    + " failed after session " + session.id() + " closed", failure);
        } else {
            failed("A stage returned by a handler", failure);
        }
    }

    /** Calls the dispatcher for one event, in its turn; exceptions go to {@code onError}. */
    private void invoke(int event, Object argument) {
        dispatchLock.lock();
        try {
            call(event, argument);
        } finally {
            release();
        }
    }

    /** Calls the dispatcher; the dispatch lock is held. */
    private void call(int event, Object argument) {
        try {
            switch (event) {
                case OPEN -> dispatcher.onOpen(session);
                case TEXT -> watch(dispatcher.onTextMessage(session, (String) argument));
                case BINARY -> watch(dispatcher.onBinaryMessage(session, (byte[]) argument));
                case PING -> dispatcher.onPing(session, (byte[]) argument);
                case PONG -> dispatcher.onPong(session, (byte[]) argument);
                case IDLE -> dispatcher.onIdleTimeout(session);
                default -> throw new IllegalArgumentException("event " + event);
            }
        } catch (Throwable e) {
            failed(HANDLERS[event], e);
        }
    }

    /**
     * Watches the stage a message handler's reply is pending on ({@code null}: nothing pending): its
     * failure is handled like an exception the handler threw, in its turn.
     */
    private void watch(CompletionStage<?> pending) {
        if (pending != null) {
            pending.whenComplete((ignored, failure) -> {
                if (failure != null) {
                    stageFailed(failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure);
                }
            });
        }
    }

    /** Releases the dispatch lock, first handling the stage failures this thread reported meanwhile. */
    private void release() {
        try {
            while (deferredFailures != null && dispatchLock.getHoldCount() == 1) {
                List<Throwable> failures = deferredFailures;
                deferredFailures = null;
                for (Throwable failure : failures) {
                    stageFailedInTurn(failure);
                }
            }
        } finally {
            dispatchLock.unlock();
        }
    }

    /**
     * Helidon stops the connection: the server is shutting down, or the connection was idle too long.
     * Says goodbye with 1001 and wakes the reader.
     */
    @Override
    public void close(boolean interrupt) {
        try {
            session.sendClose(CloseCodes.GOING_AWAY, "Server closing".getBytes(StandardCharsets.UTF_8));
            session.awaitQueueWritten(STOP_WRITE_WAIT_NANOS);
        } catch (RuntimeException e) {
            // the connection is already gone
        }
        if (interrupt || reading) {
            closeSocket();
        }
    }

    private void closeSocket() {
        try {
            ctx.serverSocket().close();
        } catch (RuntimeException e) {
            // already closed
        }
    }

    /**
     * After our close frame, the client has {@code closeTimeout} to answer with its own; then the TCP
     * connection is closed anyway (RFC 6455, section 7.1.1), which ends the read loop. Called by the
     * session right after it queued our close frame.
     */
    void awaitCloseAnswer() {
        if (ending || finished) {
            return;
        }
        Duration timeout = protocol.closeTimeout();
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

    private void readFrames() {
        while (true) {
            if (reader.available() == 0) {
                session.flush(); // all input handled: send the batch of replies before waiting
            }
            reading = true;
            int first = reader.read() & 0xFF;
            int second = reader.read() & 0xFF;
            boolean fin = (first & 0x80) != 0;
            int opcode = first & 0x0F;
            long length = second & 0x7F;
            if (length == 126) {
                length = ((reader.read() & 0xFF) << 8) | (reader.read() & 0xFF);
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | (reader.read() & 0xFF);
                }
            }
            if ((first & 0x70) != 0) {
                throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "Reserved bits set without an extension");
            }
            if ((second & 0x80) == 0) {
                throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "Client frames must be masked");
            }
            if (length < 0) {
                throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "Frame length over 2^63");
            }
            int mask = ((reader.read() & 0xFF) << 24) | ((reader.read() & 0xFF) << 16)
                    | ((reader.read() & 0xFF) << 8) | (reader.read() & 0xFF);
            reading = false;
            lastFrameNanos = System.nanoTime();

            switch (opcode) {
                case ConnectionSession.OPCODE_CLOSE, ConnectionSession.OPCODE_PING, ConnectionSession.OPCODE_PONG -> {
                    if (!fin) {
                        throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "Control frames must not be fragmented");
                    }
                    if (length > MAX_CONTROL_PAYLOAD) {
                        throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "Control frame payload over 125 bytes");
                    }
                    if (controlFrame(opcode, (int) length, mask)) {
                        return;
                    }
                }
                case ConnectionSession.OPCODE_TEXT, ConnectionSession.OPCODE_BINARY -> {
                    if (messageOpcode != -1) {
                        throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "New message inside an unfinished one");
                    }
                    messageOpcode = opcode;
                    dataFrame(fin, length, mask);
                }
                case ConnectionSession.OPCODE_CONTINUATION -> {
                    if (messageOpcode == -1) {
                        throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "Continuation frame without a message");
                    }
                    dataFrame(fin, length, mask);
                }
                default -> throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "Reserved opcode " + opcode);
            }
        }
    }

    private void dataFrame(boolean fin, long length, int mask) {
        if (messageLength + length > protocol.maxMessageSize()) {
            throw new ProtocolViolation(CloseCodes.MESSAGE_TOO_BIG,
                    "Message exceeds " + protocol.maxMessageSize() + " bytes");
        }
        int frameLength = (int) length;
        boolean text = messageOpcode == ConnectionSession.OPCODE_TEXT;
        if (session.closeSent()) {
            skip(frameLength); // closing: data is no longer delivered
            endMessageIf(fin);
            return;
        }
        readMessagePayload(frameLength, mask, text);
        if (!fin) {
            return;
        }
        if (text) {
            if (!utf8.isComplete()) {
                throw new ProtocolViolation(CloseCodes.INVALID_PAYLOAD, "Text message ends inside a UTF-8 character");
            }
            String textMessage = new String(message, 0, messageLength, StandardCharsets.UTF_8);
            endMessageIf(true);
            invoke(TEXT, textMessage);
        } else {
            byte[] binaryMessage = Arrays.copyOf(message, messageLength);
            endMessageIf(true);
            invoke(BINARY, binaryMessage);
        }
    }

    private void endMessageIf(boolean fin) {
        if (fin) {
            messageOpcode = -1;
            messageLength = 0;
            utf8.reset();
            if (message.length > RETAINED_MESSAGE_BUFFER) {
                message = NO_BYTES;
            }
        }
    }

    /**
     * @return {@code true} when the connection is done (a close frame was received and answered)
     */
    private boolean controlFrame(int opcode, int length, int mask) {
        if (control == null) {
            control = new byte[MAX_CONTROL_PAYLOAD];
        }
        readPayload(control, length, mask);
        switch (opcode) {
            case ConnectionSession.OPCODE_PING -> {
                session.sendPong(control, length); // first: the endpoint only observes pings
                session.flush(); // on the wire before @OnPing runs, however long it takes
                if (!session.closeSent()) {
                    invoke(PING, Arrays.copyOf(control, length));
                }
            }
            case ConnectionSession.OPCODE_PONG -> {
                if (!session.closeSent()) {
                    invoke(PONG, Arrays.copyOf(control, length));
                }
            }
            default -> {
                closeFrame(length);
                return true;
            }
        }
        return false;
    }

    private void closeFrame(int length) {
        int code = CloseCodes.NO_STATUS_RECEIVED;
        String reason = "";
        if (length == 1) {
            throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "Close frame with a 1-byte payload");
        }
        if (length >= 2) {
            code = ((control[0] & 0xFF) << 8) | (control[1] & 0xFF);
            if (!CloseCodes.isSendable(code)) {
                throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "Invalid close code " + code);
            }
            Utf8Validator reasonCheck = new Utf8Validator();
            if (!reasonCheck.feed(control, 2, length - 2) || !reasonCheck.isComplete()) {
                throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "Close reason is not valid UTF-8");
            }
            reason = new String(control, 2, length - 2, StandardCharsets.UTF_8);
        }
        // echo the client's code (RFC 6455, section 5.5.1); an empty close is answered with an empty one
        ending = true;
        session.sendClose(code, NO_BYTES);
        session.flush();
        session.awaitQueueWritten(protocol.closeTimeout().toNanos()); // a writer thread may have it
        session.markClosed();
        deliverClose(code, reason);
    }

    /**
     * Reads a data frame's payload onto the message, growing the buffer as bytes arrive (never to the
     * size a header merely announces), and validating text as it goes.
     */
    private void readMessagePayload(int length, int mask, boolean text) {
        int done = 0;
        while (done < length) {
            int chunk = awaitInput(length - done);
            ensureMessageCapacity(messageLength + chunk);
            reader.readBuffer(chunk).read(message, messageLength, chunk);
            Masking.unmask(message, messageLength, chunk, mask, done);
            if (text && !utf8.feed(message, messageLength, chunk)) {
                throw new ProtocolViolation(CloseCodes.INVALID_PAYLOAD, "Text message is not valid UTF-8");
            }
            messageLength += chunk;
            done += chunk;
        }
    }

    private void readPayload(byte[] target, int length, int mask) {
        int done = 0;
        while (done < length) {
            int chunk = awaitInput(length - done);
            reader.readBuffer(chunk).read(target, done, chunk);
            Masking.unmask(target, done, chunk, mask, done);
            done += chunk;
        }
    }

    /** Waits for input if none is buffered; returns how much of {@code wanted} can be read now. */
    private int awaitInput(int wanted) {
        if (reader.available() == 0) {
            reading = true;
            reader.pullData();
            reading = false;
            lastFrameNanos = System.nanoTime(); // a long frame arriving slowly is not idleness
        }
        return Math.min(reader.available(), wanted);
    }

    private void skip(int length) {
        int left = length;
        while (left > 0) {
            int chunk = awaitInput(left);
            reader.skip(chunk);
            left -= chunk;
        }
    }

    private void ensureMessageCapacity(int needed) {
        if (message.length < needed) {
            long doubled = Math.max(256L, 2L * message.length);
            byte[] larger = new byte[(int) Math.max(needed, Math.min(doubled, protocol.maxMessageSize()))];
            System.arraycopy(message, 0, larger, 0, messageLength);
            message = larger;
        }
    }

    /** Fails the connection (RFC 6455, section 7.1.7): close frame with the code, then TCP close. */
    private void failConnection(int code, String reason) {
        LOGGER.log(Level.DEBUG, () -> "Closing session " + session.id() + " of " + endpoint.path()
                + " with " + code + ": " + reason);
        ending = true;
        try {
            session.sendClose(code, reason.getBytes(StandardCharsets.UTF_8));
            session.flush();
            session.awaitQueueWritten(protocol.closeTimeout().toNanos()); // a writer thread may have it
        } catch (RuntimeException e) {
            // the client is gone already
        }
        session.markClosed();
        deliverClose(code, reason);
    }

    private void deliverClose(int code, String reason) {
        dispatchLock.lock();
        try {
            if (closeDelivered) {
                return;
            }
            closeDelivered = true;
            endpointSessions.remove(session); // before @OnClose: a broadcast from it goes to the others
            try {
                dispatcher.onClose(session, code, reason);
            } catch (Throwable e) {
                LOGGER.log(Level.ERROR, "@OnClose of " + endpoint.endpointClassName() + " threw for session "
                        + session.id(), e);
            }
        } finally {
            release();
        }
    }

    /**
     * A handler threw: {@code onError} may handle it (the connection stays open); otherwise it is logged
     * and the connection closed with 1011, without the exception's text. The dispatch lock is held.
     */
    private void failed(String handler, Throwable error) {
        Throwable onErrorFailure = null;
        try {
            if (dispatcher.onError(session, error)) {
                return;
            }
        } catch (Throwable e) {
            onErrorFailure = e;
        }
        LOGGER.log(Level.ERROR, handler + " of " + endpoint.endpointClassName() + " threw; closing session "
                + session.id() + " with 1011", error);
        if (onErrorFailure != null) {
            LOGGER.log(Level.ERROR, "@OnError of " + endpoint.endpointClassName() + " threw while handling it",
                    onErrorFailure);
        }
        try {
            session.close(CloseCodes.INTERNAL_ERROR, INTERNAL_ERROR_REASON);
        } catch (RuntimeException e) {
            // the connection is gone already
        }
    }

    /** A rule of RFC 6455 was broken, or a limit exceeded: the connection is failed with this code. */
    private static final class ProtocolViolation extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final int code;

        ProtocolViolation(int code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }
}
