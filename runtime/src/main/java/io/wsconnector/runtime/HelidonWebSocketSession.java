package io.wsconnector.runtime;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import io.helidon.websocket.WsSession;

/**
 * A {@link WebSocketSession} on top of Helidon's {@link WsSession}, whose sends are already
 * serialized by a lock.
 */
final class HelidonWebSocketSession implements WebSocketSession {
    private static final int MAX_REASON_BYTES = 123;

    private final String id;
    private final WsSession connection;
    private final AtomicBoolean closing = new AtomicBoolean();

    HelidonWebSocketSession(String id, WsSession connection) {
        this.id = id;
        this.connection = connection;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void sendText(String text) {
        if (text == null) {
            throw new NullPointerException("text");
        }
        if (closing.get()) {
            throw new IllegalStateException("Session " + id + " is closed; it cannot send");
        }
        connection.send(text, true);
    }

    @Override
    public void close(int statusCode, String reason) {
        if (!CloseCodes.isSendable(statusCode)) {
            throw new IllegalArgumentException("Close code " + statusCode
                    + " may not be sent; use 1000-1003, 1007-1014 or 3000-4999");
        }
        String safeReason = reason == null ? "" : reason;
        if (safeReason.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            throw new IllegalArgumentException("Close reason is longer than " + MAX_REASON_BYTES
                    + " bytes in UTF-8");
        }
        if (closing.compareAndSet(false, true)) {
            connection.close(statusCode, safeReason);
        }
    }

    @Override
    public boolean isOpen() {
        return !closing.get();
    }

    /** The client closed, or the connection is gone: nothing more may be sent. */
    void markClosed() {
        closing.set(true);
    }

    @Override
    public String toString() {
        return "WebSocketSession[" + id + "]";
    }
}
