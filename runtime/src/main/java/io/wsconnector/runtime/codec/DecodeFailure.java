package io.wsconnector.runtime.codec;

import io.wsconnector.runtime.CloseCodes;

/**
 * Why a message could not become the value a handler takes, with the close code and reason the
 * connection ends with when no {@code @OnError} method handles the {@link MessageDecodeException}.
 *
 * <p>The codes follow RFC 6455, section 7.4.1: 1003 when the endpoint does not accept the kind of
 * message it received (a message type no handler takes, as a binary message to an endpoint that takes
 * only text), 1007 when the data is not consistent with the type of the message (not in the format, no
 * key to dispatch on, or not fitting the handler's type, as invalid UTF-8 in a text message). The
 * reasons are short and fixed: the parser's text never reaches the client.
 */
public enum DecodeFailure {
    /** The message is not in the codec's format at all: for JSON, not one valid JSON value. */
    MALFORMED(CloseCodes.INVALID_PAYLOAD, "Malformed message"),
    /** The message is not an object with the endpoint's dispatch key as a string field. */
    MISSING_KEY(CloseCodes.INVALID_PAYLOAD, "Message without its type key"),
    /** The dispatch key's value is not one that a handler of the endpoint takes. */
    UNKNOWN_KEY(CloseCodes.UNSUPPORTED_DATA, "Unknown message type"),
    /** The message is well-formed but does not fit the handler's type (a field of the wrong type…). */
    MISMATCH(CloseCodes.INVALID_PAYLOAD, "Message does not fit its type");

    private final int closeCode;
    private final String closeReason;

    DecodeFailure(int closeCode, String closeReason) {
        this.closeCode = closeCode;
        this.closeReason = closeReason;
    }

    /**
     * The code the connection is closed with when no {@code @OnError} method handles the failure.
     *
     * @return 1003 ({@link CloseCodes#UNSUPPORTED_DATA}) or 1007 ({@link CloseCodes#INVALID_PAYLOAD})
     */
    public int closeCode() {
        return closeCode;
    }

    /**
     * The reason sent with {@link #closeCode()}: short, fixed, and without anything from the message.
     *
     * @return the reason
     */
    public String closeReason() {
        return closeReason;
    }
}
