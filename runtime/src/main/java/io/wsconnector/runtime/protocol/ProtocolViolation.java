package io.wsconnector.runtime.protocol;

/**
 * A rule of RFC 6455 was broken, or a limit exceeded: the connection is failed with this close code
 * (section 7.1.7). Thrown without a stack trace: it is an answer to the client, not a bug.
 */
final class ProtocolViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;

    ProtocolViolation(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** The close code to fail the connection with. */
    int code() {
        return code;
    }
}
