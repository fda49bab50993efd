package io.wsconnector.runtime.codec;

import java.util.Objects;

/**
 * A message could not become the value its handler takes: it is not in the codec's format, lacks the
 * endpoint's dispatch key, has a key value no handler takes, or does not fit the handler's type
 * ({@link #failure()}). No handler runs for that message.
 *
 * <p>It goes to the endpoint's {@code @OnError} method for this type (or a supertype), like any
 * exception, and the connection stays open unless that method closes it. Without one, the connection
 * is closed with the failure's {@linkplain DecodeFailure#closeCode() code} (1003 or 1007) and
 * {@linkplain DecodeFailure#closeReason() fixed reason}, never with 1011 nor with this exception's
 * text, and the server logs it at {@code DEBUG}: a client can send as many bad messages as it likes,
 * so a higher level would let it flood the log.
 *
 * <p>In an endpoint whose handlers take typed messages, or that has a dispatch key, a handler may throw
 * it too, to reject a message it finds invalid with the same outcome; elsewhere it is an exception like
 * any other (1011 without an {@code @OnError} for it).
 */
public class MessageDecodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final DecodeFailure failure;
    private final transient String text;
    private final transient byte[] data;

    /**
     * A text message could not be decoded.
     *
     * @param failure why
     * @param text    the message as received
     * @param detail  what failed, for logs and {@code @OnError} methods (e.g. the parser's message); never
     *                sent to the client
     * @param cause   the codec's exception, or {@code null}
     */
    public MessageDecodeException(DecodeFailure failure, String text, String detail, Throwable cause) {
        super(failure + ": " + detail, cause);
        this.failure = Objects.requireNonNull(failure, "failure");
        this.text = Objects.requireNonNull(text, "text");
        this.data = null;
    }

    /**
     * A binary message could not be decoded.
     *
     * @param failure why
     * @param data    the message as received
     * @param detail  what failed, for logs and {@code @OnError} methods; never sent to the client
     * @param cause   the codec's exception, or {@code null}
     */
    public MessageDecodeException(DecodeFailure failure, byte[] data, String detail, Throwable cause) {
        super(failure + ": " + detail, cause);
        this.failure = Objects.requireNonNull(failure, "failure");
        this.text = null;
        this.data = Objects.requireNonNull(data, "data").clone();
    }

    /**
     * Why the message was not decoded, with the close code it leads to without an {@code @OnError}.
     *
     * @return the failure
     */
    public DecodeFailure failure() {
        return failure;
    }

    /**
     * The text message as received.
     *
     * @return the text, or {@code null} if the message was binary
     */
    public String text() {
        return text;
    }

    /**
     * The binary message as received.
     *
     * @return a copy of the bytes, or {@code null} if the message was text
     */
    public byte[] data() {
        return data == null ? null : data.clone();
    }
}
