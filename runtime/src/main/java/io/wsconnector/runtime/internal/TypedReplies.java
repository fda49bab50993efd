package io.wsconnector.runtime.internal;

import java.util.concurrent.CompletionStage;

import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.runtime.codec.BinaryCodec;
import io.wsconnector.runtime.codec.TextCodec;

/**
 * Sends what a message handler returned as a typed value, encoded with the value's codec, for generated
 * dispatchers: a value for the sender as its codec's UTF-8 ({@link #send}); a {@code CompletionStage} of
 * one once it completes, {@link AsyncReplies} after the encoding. A {@code null} result sends nothing; a
 * broadcast is encoded once for all its recipients.
 */
public final class TypedReplies {
    private TypedReplies() {
    }

    /**
     * Sends a handler's reply to the session, as the UTF-8 its codec writes: the runtime's sessions send
     * those bytes as they are, with no {@code String} in between.
     *
     * @param session the connection the message came from
     * @param reply   the handler's result; {@code null} sends nothing
     * @param codec   encodes it
     * @param <T>     the reply's type
     */
    public static <T> void send(WebSocketSession session, T reply, TextCodec<? super T> codec) {
        if (reply == null) {
            return;
        }
        if (session instanceof Utf8TextSender sender) {
            sender.sendUtf8Text(codec.encodeUtf8(reply));
        } else {
            session.sendText(codec.encode(reply));
        }
    }

    /**
     * @param session the connection the message came from
     * @param reply   the handler's result
     * @param codec   encodes it
     * @param <T>     the reply's type
     * @return the stage for the runtime to watch
     */
    public static <T> CompletionStage<?> sendText(WebSocketSession session, CompletionStage<T> reply,
                                                  TextCodec<? super T> codec) {
        return AsyncReplies.sendText(session, encoded(reply, codec));
    }

    /**
     * @param session the connection the message came from
     * @param reply   the handler's result, for every open session of the endpoint
     * @param codec   encodes it
     * @param <T>     the reply's type
     * @return the stage for the runtime to watch
     */
    public static <T> CompletionStage<?> broadcastText(WebSocketSession session, CompletionStage<T> reply,
                                                       TextCodec<? super T> codec) {
        return AsyncReplies.broadcastText(session, encoded(reply, codec));
    }

    /**
     * @param session the connection the message came from
     * @param reply   the handler's result
     * @param codec   encodes it
     * @param <T>     the reply's type
     * @return the stage for the runtime to watch
     */
    public static <T> CompletionStage<?> sendBinary(WebSocketSession session, CompletionStage<T> reply,
                                                    BinaryCodec<? super T> codec) {
        return AsyncReplies.sendBinary(session, encoded(reply, codec));
    }

    /**
     * @param session the connection the message came from
     * @param reply   the handler's result, for every open session of the endpoint
     * @param codec   encodes it
     * @param <T>     the reply's type
     * @return the stage for the runtime to watch
     */
    public static <T> CompletionStage<?> broadcastBinary(WebSocketSession session, CompletionStage<T> reply,
                                                         BinaryCodec<? super T> codec) {
        return AsyncReplies.broadcastBinary(session, encoded(reply, codec));
    }

    private static <T> CompletionStage<String> encoded(CompletionStage<T> reply, TextCodec<? super T> codec) {
        return reply.thenApply(value -> value == null ? null : codec.encode(value));
    }

    private static <T> CompletionStage<byte[]> encoded(CompletionStage<T> reply, BinaryCodec<? super T> codec) {
        return reply.thenApply(value -> value == null ? null : codec.encode(value));
    }
}
