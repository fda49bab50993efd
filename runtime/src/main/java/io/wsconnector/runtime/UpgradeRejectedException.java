package io.wsconnector.runtime;

/**
 * Thrown by an {@code @OnUpgrade} method to refuse a connection: the client gets the HTTP status and
 * the message as the response body, and no other handler runs.
 *
 * <pre>{@code
 * @OnUpgrade
 * void authenticate(@QueryParam("token") Optional<String> token) {
 *     if (token.isEmpty() || !tokens.isValid(token.get())) {
 *         throw new UpgradeRejectedException(401, "A valid token is required");
 *     }
 * }
 * }</pre>
 */
public class UpgradeRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param status  the HTTP status to answer, 400 to 599 (e.g. 401, 403, 429)
     * @param message the response body, sent to the client: do not put secrets in it
     */
    public UpgradeRejectedException(int status, String message) {
        super(message, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("An upgrade is rejected with a 4xx or 5xx status, not " + status);
        }
        this.status = status;
    }

    /**
     * The HTTP status the client gets.
     *
     * @return the status
     */
    public int status() {
        return status;
    }
}
