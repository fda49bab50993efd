package io.wsconnector.tests.broadcast;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.wsconnector.annotations.OnBinaryMessage;
import io.wsconnector.annotations.OnTextMessage;
import io.wsconnector.annotations.WebSocketUpgradePath;

/**
 * Broadcasts what its handlers return ({@code broadcast = true}): text now, or later through a stage
 * when the text starts with {@code later:}; binary reversed; {@code quiet} returns {@code null}.
 */
@WebSocketUpgradePath("/shout")
public class ShoutEndpoint {

    @OnTextMessage(broadcast = true)
    CompletionStage<String> shout(String text) {
        if (text.equals("quiet")) {
            return CompletableFuture.completedFuture(null);
        }
        if (text.startsWith("later:")) {
            return CompletableFuture.supplyAsync(() -> text.substring("later:".length()).toUpperCase());
        }
        return CompletableFuture.completedFuture(text.toUpperCase());
    }

    @OnBinaryMessage(broadcast = true)
    ByteBuffer reversed(byte[] data) {
        byte[] reversed = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            reversed[i] = data[data.length - 1 - i];
        }
        return ByteBuffer.wrap(reversed);
    }
}
