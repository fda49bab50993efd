package io.wsconnector.tests.metrics;

import io.wsconnector.annotations.OnBinaryMessage;
import io.wsconnector.annotations.OnTextMessage;
import io.wsconnector.annotations.OnUpgrade;
import io.wsconnector.annotations.PathParam;
import io.wsconnector.annotations.WebSocketUpgradePath;
import io.wsconnector.runtime.UpgradeRejectedException;

/**
 * Echoes text and binary messages in any room; the room {@value #REFUSED_ROOM} is refused with 403, and the
 * text {@value #BOOM} throws (no {@code @OnError}: the connection closes with 1011).
 */
@WebSocketUpgradePath("/metered/{room}")
public class MeteredEndpoint {
    static final String REFUSED_ROOM = "closed";
    static final String BOOM = "boom";

    @OnUpgrade
    void admit(@PathParam String room) {
        if (room.equals(REFUSED_ROOM)) {
            throw new UpgradeRejectedException(403, "This room is closed");
        }
    }

    @OnTextMessage
    String echo(String text) {
        if (text.equals(BOOM)) {
            throw new IllegalStateException("boom");
        }
        return text;
    }

    @OnBinaryMessage
    byte[] echo(byte[] data) {
        return data;
    }
}
