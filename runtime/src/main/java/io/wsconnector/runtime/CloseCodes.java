package io.wsconnector.runtime;

/**
 * The close status codes of RFC 6455, section 7.4.1, that a server uses.
 */
public final class CloseCodes {
    /** 1000: the purpose of the connection has been fulfilled. */
    public static final int NORMAL_CLOSURE = 1000;
    /** 1001: the server is going down, or the client navigated away. */
    public static final int GOING_AWAY = 1001;
    /** 1002: the peer broke the protocol. */
    public static final int PROTOCOL_ERROR = 1002;
    /** 1003: the endpoint does not accept this kind of data (e.g. binary when it takes only text). */
    public static final int UNSUPPORTED_DATA = 1003;
    /** 1007: a message's data was not consistent with its type (e.g. invalid UTF-8 in a text message). */
    public static final int INVALID_PAYLOAD = 1007;
    /** 1008: a message violated the endpoint's policy. */
    public static final int POLICY_VIOLATION = 1008;
    /** 1009: a message was too big to process. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** 1005: (never sent) the close frame carried no status code. */
    public static final int NO_STATUS_RECEIVED = 1005;
    /** 1006: (never sent) the connection ended without a close frame. */
    public static final int ABNORMAL_CLOSURE = 1006;
    /** 1011: the server met an unexpected condition (e.g. a handler threw). */
    public static final int INTERNAL_ERROR = 1011;
    /** 1013: try again later: the server is short of a resource now (e.g. memory for a large message). */
    public static final int TRY_AGAIN_LATER = 1013;

    private CloseCodes() {
    }

    /**
     * Whether an endpoint may send this code in a close frame (RFC 6455, section 7.4): 1000–1003,
     * 1007–1014 and 3000–4999.
     *
     * @param statusCode the code
     * @return {@code true} if it may be sent
     */
    public static boolean isSendable(int statusCode) {
        return (statusCode >= 1000 && statusCode <= 1003)
                || (statusCode >= 1007 && statusCode <= 1014)
                || (statusCode >= 3000 && statusCode <= 4999);
    }
}
