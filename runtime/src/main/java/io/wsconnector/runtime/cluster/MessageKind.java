package io.wsconnector.runtime.cluster;

/** Whether a message travels as a text or a binary WebSocket message. */
public enum MessageKind {
    /** A text message: the payload is its UTF-8 encoding. */
    TEXT,
    /** A binary message. */
    BINARY
}
