package io.wsconnector.runtime.deflate;

/**
 * A compressed message is not valid DEFLATE data. RFC 7692 gives no close code for it; the runtime closes
 * with 1007, which RFC 6455 (section 7.4.1) defines as "data within a message that was not consistent
 * with the type of the message": the message's RSV1 bit types its payload as DEFLATE data, and it is not.
 */
public final class CompressedDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CompressedDataException(String message) {
        super(message, null, false, false);
    }
}
