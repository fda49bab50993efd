package io.wsconnector.runtime.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A write to the client failed: the connection is gone. Thrown on the connection's thread, e.g. out of a
 * handler's send, where it tells {@link HandlerCalls} that the handler is not at fault.
 */
final class ConnectionFailedException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    ConnectionFailedException(String message, IOException cause) {
        super(message, cause);
    }
}
