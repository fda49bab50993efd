package io.wsconnector.runtime.protocol;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

import io.wsconnector.runtime.CloseCodes;
import io.wsconnector.runtime.spi.WebSocketDispatcher;

/**
 * Calls one connection's {@link WebSocketDispatcher}, one event at a time: open first, then messages,
 * control frames and idle timeouts, then close exactly once, however the connection ends. An exception
 * from a handler goes to {@code onError}; one it does not handle is logged and closes the connection with
 * 1011, without the exception's text.
 *
 * <p>A message handler may return the stage its reply is pending on: a stage that completes
 * exceptionally is handled like an exception the handler threw, in its turn.
 *
 * <p>Two failures are not the handler's: the connection failing under it (a send of the handler's fails
 * with a {@link ConnectionFailedException}: the client reset the connection, or stopped reading and was
 * cut off) ends nothing more and is not logged, for the connection ends anyway (1006); an
 * {@link OutOfMemoryError} closes the connection with 1013 (try again later), counted rather than logged
 * each time.
 *
 * <p>Most calls come from the connection's thread; an idle timeout comes from a thread of Helidon's
 * executor, and the failure of a stage a handler returned from whichever thread failed it. A lock makes
 * them take turns: a handler never runs while another one of the same connection does. A stage failure
 * reported while this thread is inside a handler waits until that handler returns.
 */
final class HandlerCalls implements BiConsumer<Object, Throwable> {
    /** The reason of a 1011 close and the body of a 500: says nothing of the exception. */
    static final String INTERNAL_ERROR_REASON = "Internal server error";

    private static final System.Logger LOGGER = System.getLogger(HandlerCalls.class.getName());

    private final String endpointClassName;
    private final WebSocketDispatcher dispatcher;
    private final ConnectionSession session;
    private final EndpointSessions sessions;
    private final EndpointMetrics metrics;
    private final CountedLog log;
    private final ReentrantLock turn = new ReentrantLock();
    /** Asked once: whether the dispatcher takes text messages as UTF-8 bytes. */
    private final boolean textAsUtf8;

    /** Guarded by {@code turn}. */
    private boolean closeDelivered;
    /** Failures of handler stages reported while this thread was in a handler; guarded by {@code turn}. */
    private List<Throwable> deferredFailures;

    /**
     * @param endpointClassName the endpoint's class, for the log
     * @param dispatcher        the connection's dispatcher
     * @param session           the session the handlers see
     * @param sessions          the endpoint's open sessions, which the session is in from open to close
     * @param metrics           counts opens, closes and handler failures
     * @param log               where running out of memory is counted
     */
    HandlerCalls(String endpointClassName, WebSocketDispatcher dispatcher, ConnectionSession session,
                 EndpointSessions sessions, EndpointMetrics metrics, CountedLog log) {
        this.endpointClassName = endpointClassName;
        this.dispatcher = dispatcher;
        this.session = session;
        this.sessions = sessions;
        this.metrics = metrics;
        this.log = log;
        this.textAsUtf8 = dispatcher.takesUtf8Text();
    }

    /** Whether text messages go to {@link #utf8Text} (as bytes) rather than {@link #text} (as a string). */
    boolean takesUtf8Text() {
        return textAsUtf8;
    }

    /**
     * The session joins its endpoint's sessions (so a broadcast from {@code @OnOpen} reaches it), then
     * {@code @OnOpen}.
     */
    void open() {
        metrics.opened();
        sessions.add(session);
        turn.lock();
        try {
            dispatcher.onOpen(session);
        } catch (Throwable e) {
            failed("@OnOpen", e);
        } finally {
            release();
        }
    }

    void text(String message) {
        turn.lock();
        try {
            watch(dispatcher.onTextMessage(session, message));
        } catch (Throwable e) {
            failed("@OnTextMessage", e);
        } finally {
            release();
        }
    }

    void utf8Text(byte[] message) {
        turn.lock();
        try {
            watch(dispatcher.onUtf8TextMessage(session, message));
        } catch (Throwable e) {
            failed("@OnTextMessage", e);
        } finally {
            release();
        }
    }

    void binary(byte[] message) {
        turn.lock();
        try {
            watch(dispatcher.onBinaryMessage(session, message));
        } catch (Throwable e) {
            failed("@OnBinaryMessage", e);
        } finally {
            release();
        }
    }

    void ping(byte[] payload) {
        turn.lock();
        try {
            dispatcher.onPing(session, payload);
        } catch (Throwable e) {
            failed("@OnPing", e);
        } finally {
            release();
        }
    }

    void pong(byte[] payload) {
        turn.lock();
        try {
            dispatcher.onPong(session, payload);
        } catch (Throwable e) {
            failed("@OnPong", e);
        } finally {
            release();
        }
    }

    /**
     * Calls {@code onIdleTimeout} in its turn, if the connection is still idle then.
     *
     * @param stillDue asked once the turn has come: a frame may have arrived, or the connection closed,
     *                 while this waited
     * @return whether {@code onIdleTimeout} ran
     */
    boolean idleTimeout(BooleanSupplier stillDue) {
        turn.lock();
        try {
            if (closeDelivered || !stillDue.getAsBoolean()) {
                return false;
            }
            try {
                dispatcher.onIdleTimeout(session);
            } catch (Throwable e) {
                failed("@OnIdleTimeout", e);
            }
            return true;
        } finally {
            release();
        }
    }

    /**
     * A stage a message handler returned has completed: if it failed, the failure (unwrapped from a
     * {@link CompletionException}) is handled like an exception thrown by the handler, in its turn.
     */
    @Override
    public void accept(Object ignored, Throwable failure) {
        if (failure != null) {
            stageFailed(failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure);
        }
    }

    /**
     * The session leaves its endpoint's sessions and rooms (a broadcast from {@code @OnClose} goes to the
     * others), then {@code @OnClose}; the first call only.
     */
    void close(int code, String reason) {
        turn.lock();
        try {
            if (closeDelivered) {
                return;
            }
            closeDelivered = true;
            metrics.closed(code);
            sessions.remove(session);
            try {
                dispatcher.onClose(session, code, reason);
            } catch (Throwable e) {
                LOGGER.log(Level.ERROR, "@OnClose of " + endpointClassName + " threw for session " + session.id(), e);
            }
        } finally {
            release();
        }
    }

    /** Watches the stage a message handler's reply is pending on; {@code null}: nothing is pending. */
    private void watch(CompletionStage<?> pending) {
        if (pending != null) {
            pending.whenComplete(this);
        }
    }

    private void stageFailed(Throwable failure) {
        if (turn.isHeldByCurrentThread()) {
            // reported from inside a handler (the stage had failed already): after that handler
            if (deferredFailures == null) {
                deferredFailures = new ArrayList<>(1);
            }
            deferredFailures.add(failure);
            return;
        }
        turn.lock();
        try {
            stageFailedInTurn(failure);
        } finally {
            release();
        }
    }

    private void stageFailedInTurn(Throwable failure) {
        if (closeDelivered) {
            LOGGER.log(Level.ERROR, "A stage returned by a handler of " + endpointClassName + " failed after session "
                    + session.id() + " closed", failure);
        } else {
            failed("A stage returned by a handler", failure);
        }
    }

    /** Releases the turn, first handling the stage failures this thread reported meanwhile. */
    private void release() {
        try {
            while (deferredFailures != null && turn.getHoldCount() == 1) {
                List<Throwable> failures = deferredFailures;
                deferredFailures = null;
                for (Throwable failure : failures) {
                    stageFailedInTurn(failure);
                }
            }
        } finally {
            turn.unlock();
        }
    }

    /**
     * A handler threw: {@code onError} may handle it (the connection stays open); otherwise it is logged
     * and the connection closed with 1011. The turn is held.
     */
    private void failed(String handler, Throwable error) {
        if (error instanceof ConnectionFailedException) {
            return; // the connection failed under the handler: the read loop ends it
        }
        metrics.handlerFailed();
        if (error instanceof OutOfMemoryError) {
            log.count(CountedLog.Event.OUT_OF_MEMORY, () -> handler + " of " + endpointClassName
                    + " ran out of memory; closing session " + session.id() + " with 1013");
            closeSession(CloseCodes.TRY_AGAIN_LATER, "Server out of memory");
            return;
        }
        Throwable onErrorFailure = null;
        try {
            if (dispatcher.onError(session, error)) {
                return;
            }
        } catch (Throwable e) {
            onErrorFailure = e;
        }
        LOGGER.log(Level.ERROR, handler + " of " + endpointClassName + " threw; closing session " + session.id()
                + " with 1011", error);
        if (onErrorFailure != null) {
            LOGGER.log(Level.ERROR, "@OnError of " + endpointClassName + " threw while handling it", onErrorFailure);
        }
        closeSession(CloseCodes.INTERNAL_ERROR, INTERNAL_ERROR_REASON);
    }

    private void closeSession(int code, String reason) {
        try {
            session.close(code, reason);
        } catch (RuntimeException e) {
            // the connection is gone already
        }
    }
}
