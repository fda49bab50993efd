package io.wsconnector.runtime;

import java.lang.System.Logger.Level;

import io.helidon.common.buffers.BufferData;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.wsconnector.runtime.spi.WebSocketDispatcher;
import io.wsconnector.runtime.spi.WebSocketEndpoint;

/**
 * Adapts one Helidon WebSocket connection to one generated {@link WebSocketDispatcher}: reassembles
 * fragmented text messages under the size limit, answers pings, delivers the close once, and turns
 * an exception thrown by a handler into a 1011 close that does not reveal it.
 *
 * <p>Helidon calls a listener on the connection's own thread, one event at a time, so the fields
 * below need no synchronization.
 */
final class EndpointConnection implements WsListener {
    private static final System.Logger LOGGER = System.getLogger(WebSocketServer.class.getName());
    static final String INTERNAL_ERROR_REASON = "Internal server error";

    private final WebSocketEndpoint endpoint;
    private final WebSocketDispatcher dispatcher;
    private final String sessionId;
    private final int maxMessageBytes;

    private HelidonWebSocketSession session;
    private StringBuilder textFragments;
    private long textFragmentBytes;
    private boolean closeDelivered;

    EndpointConnection(WebSocketEndpoint endpoint, String sessionId, int maxMessageBytes) {
        this.endpoint = endpoint;
        this.dispatcher = endpoint.newDispatcher();
        this.sessionId = sessionId;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void onOpen(WsSession connection) {
        session = new HelidonWebSocketSession(sessionId, connection);
        try {
            dispatcher.onOpen(session);
        } catch (Throwable e) {
            handlerFailed("@OnOpen", e);
        }
    }

    @Override
    public void onMessage(WsSession connection, String text, boolean last) {
        if (!session.isOpen()) {
            return; // closing: the handshake is under way, messages are no longer delivered
        }
        textFragmentBytes += Utf8.encodedLength(text);
        if (textFragmentBytes > maxMessageBytes) {
            textFragments = null;
            session.close(CloseCodes.MESSAGE_TOO_BIG, "Message exceeds " + maxMessageBytes + " bytes");
            return;
        }
        if (!last) {
            if (textFragments == null) {
                textFragments = new StringBuilder(text.length() * 2);
            }
            textFragments.append(text);
            return;
        }
        String message = text;
        if (textFragments != null) {
            message = textFragments.append(text).toString();
            textFragments = null;
        }
        textFragmentBytes = 0;
        try {
            dispatcher.onTextMessage(session, message);
        } catch (Throwable e) {
            handlerFailed("@OnTextMessage", e);
        }
    }

    @Override
    public void onMessage(WsSession connection, BufferData buffer, boolean last) {
        if (session.isOpen()) {
            session.close(CloseCodes.UNSUPPORTED_DATA, "This endpoint does not accept binary messages");
        }
    }

    @Override
    public void onPing(WsSession connection, BufferData payload) {
        if (session.isOpen()) {
            connection.pong(payload);
        }
    }

    @Override
    public void onClose(WsSession connection, int statusCode, String reason) {
        session.markClosed();
        if (closeDelivered) {
            return;
        }
        closeDelivered = true;
        try {
            dispatcher.onClose(session, statusCode, reason);
        } catch (Throwable e) {
            LOGGER.log(Level.ERROR, "@OnClose of " + endpoint.endpointClassName() + " threw for session "
                    + sessionId, e);
        }
    }

    @Override
    public void onError(WsSession connection, Throwable error) {
        LOGGER.log(Level.WARNING, "WebSocket error on session " + sessionId + " of " + endpoint.path(), error);
    }

    private void handlerFailed(String handler, Throwable error) {
        LOGGER.log(Level.ERROR, handler + " of " + endpoint.endpointClassName() + " threw; closing session "
                + sessionId + " with 1011", error);
        session.close(CloseCodes.INTERNAL_ERROR, INTERNAL_ERROR_REASON);
    }
}
