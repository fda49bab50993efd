package io.wsconnector.runtime.internal;

import java.lang.System.Logger.Level;

import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.runtime.codec.DecodeFailure;
import io.wsconnector.runtime.codec.MessageDecodeException;

/**
 * Ends a connection whose message did not decode and no {@code @OnError} method took the
 * {@link MessageDecodeException}, for generated dispatchers: with the failure's close code (1003 or
 * 1007) and fixed reason, never 1011, and one log line at {@code DEBUG}, the level of the runtime's
 * other faults of a client (1002, 1007, 1009), which a client can cause as often as it likes.
 */
public final class DecodeFailures {
    private static final System.Logger LOGGER = System.getLogger(DecodeFailures.class.getName());

    private DecodeFailures() {
    }

    /**
     * Closes the session for a message that did not decode.
     *
     * @param session the connection the message came from
     * @param failure what did not decode
     */
    public static void close(WebSocketSession session, MessageDecodeException failure) {
        DecodeFailure why = failure.failure();
        LOGGER.log(Level.DEBUG, () -> "Closing session " + session.id() + " with " + why.closeCode()
                + ": a message did not decode (" + failure.getMessage() + ")");
        session.close(why.closeCode(), why.closeReason());
    }
}
