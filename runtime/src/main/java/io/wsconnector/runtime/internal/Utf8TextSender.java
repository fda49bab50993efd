package io.wsconnector.runtime.internal;

/**
 * A session that sends a text message given as UTF-8 bytes, as they are: the runtime's sessions are,
 * so that {@link TypedReplies} hands them what a codec wrote without a {@code String} in between. Not
 * API: the bytes are not checked, and a text message that is not valid UTF-8 makes the client fail the
 * connection (RFC 6455).
 */
public interface Utf8TextSender {

    /**
     * Sends a text message.
     *
     * @param utf8 the message's UTF-8, valid, an array the session may keep
     */
    void sendUtf8Text(byte[] utf8);
}
