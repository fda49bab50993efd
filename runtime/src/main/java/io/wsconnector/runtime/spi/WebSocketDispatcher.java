package io.wsconnector.runtime.spi;

import io.wsconnector.runtime.CloseCodes;
import io.wsconnector.runtime.WebSocketSession;

/**
 * Delivers one connection's events to one endpoint instance. The wsconnector processor generates an
 * implementation for each endpoint class, calling its handler methods directly; users do not
 * implement it.
 *
 * <p>The runtime calls these methods on the connection's thread, one at a time, in the order the
 * events happen: {@link #onOpen} first, then complete messages, then {@link #onClose} at most once.
 * An exception thrown by any of them is logged by the runtime, and the connection is closed with
 * 1011.
 */
public interface WebSocketDispatcher {

    /**
     * The connection is open.
     *
     * @param session the connection
     * @throws Exception whatever the endpoint's handler throws
     */
    default void onOpen(WebSocketSession session) throws Exception {
    }

    /**
     * A complete text message arrived. By default the endpoint takes no text, and the connection is
     * closed with 1003 (unsupported data).
     *
     * @param session the connection
     * @param message the whole message
     * @throws Exception whatever the endpoint's handler throws
     */
    default void onTextMessage(WebSocketSession session, String message) throws Exception {
        session.close(CloseCodes.UNSUPPORTED_DATA, "This endpoint does not accept text messages");
    }

    /**
     * A complete binary message arrived. By default the endpoint takes no binary data, and the
     * connection is closed with 1003 (unsupported data).
     *
     * @param session the connection
     * @param message the whole message, a copy the endpoint may keep
     * @throws Exception whatever the endpoint's handler throws
     */
    default void onBinaryMessage(WebSocketSession session, byte[] message) throws Exception {
        session.close(CloseCodes.UNSUPPORTED_DATA, "This endpoint does not accept binary messages");
    }

    /**
     * The client closed the connection.
     *
     * @param session    the connection, no longer open
     * @param statusCode the code of the client's close frame
     * @param reason     the reason of the client's close frame, possibly empty
     * @throws Exception whatever the endpoint's handler throws
     */
    default void onClose(WebSocketSession session, int statusCode, String reason) throws Exception {
    }
}
