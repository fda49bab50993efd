package io.wsconnector.runtime.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

import io.wsconnector.runtime.WebSocketSession;

/**
 * Sends what a message handler returned as a {@link CompletionStage} when it completes, for generated
 * dispatchers. A {@code null} result sends nothing. Each method returns the stage the dispatcher hands
 * back to the runtime: it completes once the reply is handed to the session, and exceptionally when the
 * handler's stage failed, which the runtime then handles like an exception thrown by the handler
 * ({@code @OnError}, or a 1011 close). The failure travels in the returned stage, not through the
 * session, so it reaches the runtime whatever the session is.
 */
public final class AsyncReplies {
    private AsyncReplies() {
    }

    /**
     * @param session the connection the message came from
     * @param reply   the handler's result
     * @return the stage for the runtime to watch
     */
    public static CompletionStage<?> sendText(WebSocketSession session, CompletionStage<String> reply) {
        return reply.thenAccept(text -> {
            if (text != null && session.isOpen()) {
                session.sendTextAsync(text);
            }
        });
    }

    /**
     * @param session the connection the message came from
     * @param reply   the handler's result
     * @return the stage for the runtime to watch
     */
    public static CompletionStage<?> sendBinary(WebSocketSession session, CompletionStage<byte[]> reply) {
        return reply.thenAccept(data -> {
            if (data != null && session.isOpen()) {
                session.sendBinaryAsync(data);
            }
        });
    }

    /**
     * @param session the connection the message came from
     * @param reply   the handler's result; its remaining bytes are sent
     * @return the stage for the runtime to watch
     */
    public static CompletionStage<?> sendBinaryBuffer(WebSocketSession session, CompletionStage<ByteBuffer> reply) {
        return reply.thenAccept(data -> {
            if (data != null && session.isOpen()) {
                byte[] bytes = new byte[data.remaining()];
                data.duplicate().get(bytes);
                session.sendBinaryAsync(bytes);
            }
        });
    }

    /**
     * Broadcasts what a {@code broadcast = true} text handler returned, when it completes, to every open
     * session of the endpoint (even if {@code session} closed meanwhile).
     *
     * @param session the connection the message came from
     * @param reply   the handler's result
     * @return the stage for the runtime to watch
     */
    public static CompletionStage<?> broadcastText(WebSocketSession session, CompletionStage<String> reply) {
        return reply.thenAccept(text -> {
            if (text != null) {
                session.broadcastText(text);
            }
        });
    }

    /**
     * Broadcasts what a {@code broadcast = true} binary handler returned, when it completes.
     *
     * @param session the connection the message came from
     * @param reply   the handler's result
     * @return the stage for the runtime to watch
     */
    public static CompletionStage<?> broadcastBinary(WebSocketSession session, CompletionStage<byte[]> reply) {
        return reply.thenAccept(data -> {
            if (data != null) {
                session.broadcastBinary(data);
            }
        });
    }

    /**
     * Broadcasts what a {@code broadcast = true} binary handler returned, when it completes.
     *
     * @param session the connection the message came from
     * @param reply   the handler's result; its remaining bytes are sent
     * @return the stage for the runtime to watch
     */
    public static CompletionStage<?> broadcastBinaryBuffer(WebSocketSession session,
                                                           CompletionStage<ByteBuffer> reply) {
        return reply.thenAccept(data -> {
            if (data != null) {
                session.broadcastBinary(data);
            }
        });
    }
}
