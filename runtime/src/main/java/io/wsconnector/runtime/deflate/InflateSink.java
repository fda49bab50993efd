package io.wsconnector.runtime.deflate;

/**
 * Takes a message's bytes as they are inflated, a chunk at a time: the runtime's message assembler, which
 * checks the size limit and UTF-8 as they arrive. It stops the inflation by throwing; the inflater then
 * inflates nothing more of the message.
 */
@FunctionalInterface
public interface InflateSink {

    /**
     * @param bytes  the inflated bytes; only valid during the call
     * @param offset where they start
     * @param length how many, at least 1
     */
    void accept(byte[] bytes, int offset, int length);
}
