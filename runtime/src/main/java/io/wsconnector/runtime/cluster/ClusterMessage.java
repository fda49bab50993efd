package io.wsconnector.runtime.cluster;

import java.util.Objects;

/**
 * A message that crosses nodes: what it is for, whether it is text or binary, its payload, and the one
 * session that must not get it ("everyone but me").
 *
 * <p>The payload array is shared, not copied: whoever creates the message hands it over and does not change
 * it afterwards.
 *
 * @param target            the sessions it is for
 * @param kind              text or binary
 * @param payload           the message's bytes (UTF-8 for text)
 * @param excludedSessionId the id of the session that must not get it, or {@code null} for none
 */
public record ClusterMessage(Target target, MessageKind kind, byte[] payload, String excludedSessionId) {

    /**
     * @param target            the sessions it is for
     * @param kind              text or binary
     * @param payload           the message's bytes
     * @param excludedSessionId the excluded session's id, or {@code null}
     */
    public ClusterMessage {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(payload, "payload");
    }
}
