package io.wsconnector.runtime.spi;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

import io.wsconnector.runtime.WebSocketSession;

/**
 * Sends what a message handler returned as a {@link CompletionStage}, when it completes, for generated
 * dispatchers. A {@code null} result sends nothing; a failed stage is handled like an exception thrown
 * by the handler ({@code @OnError}, or a 1011 close).
 */
public final class AsyncReplies {
    private AsyncReplies() {
    }

    /**
     * @param session the connection the message came from
     * @param reply   the handler's result
     */
    public static void sendText(WebSocketSession session, CompletionStage<String> reply) {
        reply.whenComplete((text, failure) -> {
            if (failure != null) {
                failed(session, failure);
            } else if (text != null && session.isOpen()) {
                session.sendTextAsync(text);
            }
        });
    }

    /**
     * @param session the connection the message came from
     * @param reply   the handler's result
     */
    public static void sendBinary(WebSocketSession session, CompletionStage<byte[]> reply) {
        reply.whenComplete((data, failure) -> {
            if (failure != null) {
                failed(session, failure);
            } else if (data != null && session.isOpen()) {
                session.sendBinaryAsync(data);
            }
        });
    }

    /**
     * @param session the connection the message came from
     * @param reply   the handler's result; its remaining bytes are sent
     */
    public static void sendBinaryBuffer(WebSocketSession session, CompletionStage<ByteBuffer> reply) {
        reply.whenComplete((data, failure) -> {
            if (failure != null) {
                failed(session, failure);
            } else if (data != null && session.isOpen()) {
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
     */
    public static void broadcastText(WebSocketSession session, CompletionStage<String> reply) {
        reply.whenComplete((text, failure) -> {
            if (failure != null) {
                failed(session, failure);
            } else if (text != null) {
                session.broadcastText(text);
            }
        });
    }

    /**
     * Broadcasts what a {@code broadcast = true} binary handler returned, when it completes.
     *
     * @param session the connection the message came from
     * @param reply   the handler's result
     */
    public static void broadcastBinary(WebSocketSession session, CompletionStage<byte[]> reply) {
        reply.whenComplete((data, failure) -> {
            if (failure != null) {
                failed(session, failure);
            } else if (data != null) {
                session.broadcastBinary(data);
            }
        });
    }

    /**
     * Broadcasts what a {@code broadcast = true} binary handler returned, when it completes.
     *
     * @param session the connection the message came from
     * @param reply   the handler's result; its remaining bytes are sent
     */
    public static void broadcastBinaryBuffer(WebSocketSession session, CompletionStage<ByteBuffer> reply) {
        reply.whenComplete((data, failure) -> {
            if (failure != null) {
                failed(session, failure);
            } else if (data != null) {
                session.broadcastBinary(data);
            }
        });
    }

    private static void failed(WebSocketSession session, Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (session instanceof HandlerFailures failures) {
            failures.handlerFailed(cause);
        }
    }

    /**
     * Implemented by the runtime's sessions: routes a failure that happened outside the connection's
     * own dispatching (a failed {@code CompletionStage}) to {@code @OnError}, or to a 1011 close.
     */
    public interface HandlerFailures {
        /**
         * @param failure what the handler's stage failed with
         */
        void handlerFailed(Throwable failure);
    }
}
