package io.wsconnector.runtime.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.wsconnector.runtime.CloseCodes;

/**
 * The closing handshake of one connection (RFC 6455, sections 5.5.1 and 7): the close frames we send, the
 * client's close frame we read, and the end of the connection. Whoever closes first, the server sends one
 * close frame, after everything sent before it; the connection ends once the client has answered (or the
 * connection failed), with our close frame written.
 *
 * <p>The close timeout (how long the client has to answer our close frame) is kept by
 * {@link WebSocketConnection}, which reads the answer.
 */
final class CloseHandshake {
    private static final byte[] SERVER_STOPPING = "Server closing".getBytes(StandardCharsets.UTF_8);

    private final OutboundFrames outbound;
    private final long closeTimeoutNanos;

    /**
     * @param outbound     the connection's outbound frames
     * @param closeTimeout how long to wait for our close frame to be written when the connection ends
     */
    CloseHandshake(OutboundFrames outbound, Duration closeTimeout) {
        this.outbound = outbound;
        this.closeTimeoutNanos = closeTimeout.toNanos();
    }

    /**
     * The endpoint closes ({@code session.close}, once open): sends our close frame, unless one was sent
     * already.
     *
     * @throws IllegalArgumentException if the code may not be sent or the reason is longer than 123 bytes
     */
    void close(int statusCode, String reason) {
        if (!CloseCodes.isSendable(statusCode)) {
            throw new IllegalArgumentException("Close code " + statusCode
                    + " may not be sent; use 1000-1003, 1007-1014 or 3000-4999");
        }
        byte[] reasonBytes = (reason == null ? "" : reason).getBytes(StandardCharsets.UTF_8);
        if (reasonBytes.length > Frames.MAX_CLOSE_REASON) {
            throw new IllegalArgumentException("Close reason is longer than " + Frames.MAX_CLOSE_REASON
                    + " bytes in UTF-8");
        }
        outbound.sendClose(statusCode, reasonBytes);
    }

    /**
     * Reads the payload of the client's close frame (RFC 6455, section 5.5.1).
     *
     * @param payload the payload, unmasked
     * @param length  its length, at most 125
     * @return the code (1005 for an empty payload) and the reason
     * @throws ProtocolViolation 1002 for a 1-byte payload, a code that may not be sent, or a reason that is
     *                           not UTF-8
     */
    static Status read(byte[] payload, int length) {
        if (length == 0) {
            return new Status(CloseCodes.NO_STATUS_RECEIVED, "");
        }
        if (length == 1) {
            throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "Close frame with a 1-byte payload");
        }
        int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        if (!CloseCodes.isSendable(code)) {
            throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "Invalid close code " + code);
        }
        if (!Utf8Validator.isValid(payload, 2, length - 2)) {
            throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "Close reason is not valid UTF-8");
        }
        return new Status(code, new String(payload, 2, length - 2, StandardCharsets.UTF_8));
    }

    /**
     * Ends the connection: sends our close frame with this code and reason (unless one was sent already),
     * waits at most the close timeout for it to be written, then sends nothing more. On the connection's
     * thread, once the client has closed or broken the protocol.
     *
     * @param statusCode the code; 1005 sends an empty close frame (the answer to an empty one)
     */
    void finish(int statusCode, byte[] reason) {
        try {
            outbound.sendClose(statusCode, reason);
            outbound.flush();
            outbound.awaitWritten(closeTimeoutNanos); // a writer thread may have it
        } catch (RuntimeException e) {
            // the client is gone already
        }
        outbound.markClosed();
    }

    /**
     * The server stops: says goodbye with 1001, and waits at most this long for it to be written.
     */
    void serverStopping(long waitNanos) {
        try {
            outbound.sendClose(CloseCodes.GOING_AWAY, SERVER_STOPPING);
            outbound.awaitWritten(waitNanos);
        } catch (RuntimeException e) {
            // the connection is already gone
        }
    }

    /**
     * What a close frame says.
     *
     * @param code   the close code
     * @param reason the reason, possibly empty
     */
    record Status(int code, String reason) {
    }
}
