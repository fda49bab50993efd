package io.wsconnector.tests.messages;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

import io.wsconnector.annotations.OnBinaryMessage;
import io.wsconnector.annotations.WebSocketUpgradePath;

/** Like {@link BufferEndpoint}, but the reply is a {@code CompletableFuture<ByteBuffer>} completed on another thread. */
@WebSocketUpgradePath("/async-buffers")
public class AsyncBufferEndpoint {
    @OnBinaryMessage
    CompletableFuture<ByteBuffer> binary(ByteBuffer message) {
        return CompletableFuture.supplyAsync(() -> BufferReplies.okWithJunkAround(message));
    }
}
