package io.wsconnector.runtime.protocol;

/**
 * A rule of RFC 6455 was broken, or a limit exceeded: the connection is failed with this close code
 * (section 7.1.7). Thrown without a stack trace: it is an answer to the client, not a bug.
 */
final class ProtocolViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;
    private final boolean framesReadable;

    ProtocolViolation(int code, String message) {
        this(code, message, true);
    }

    /**
     * @param framesReadable whether the input can still be read as frames once the rest of the current frame
     *                       is skipped: {@code false} when not even the frame's length could be read
     */
    ProtocolViolation(int code, String message, boolean framesReadable) {
        super(message, null, false, false);
        this.code = code;
        this.framesReadable = framesReadable;
    }

    /**
     * Whether the client's input can still be read as frames, after the rest of the frame that broke the
     * rule: then the server can find the client's close frame while it reads on after its own.
     */
    boolean framesReadable() {
        return framesReadable;
    }

    /** The close code to fail the connection with. */
    int code() {
        return code;
    }
}
