package io.wsconnector.runtime.protocol;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The server-wide limit of buffered inbound bytes: what all connections together hold of the messages they
 * are receiving, so that many large messages at once fail one by one, with 1013, before the JVM runs out of
 * memory. A connection charges its message buffer here once it grows past what every connection may keep
 * for itself ({@link MessageAssembler}), one atomic addition per growth, and gives it back when the
 * message has been handled.
 *
 * <p>This is where the bytes of every message count, including those an extension (permessage-deflate)
 * inflates: they are buffered by the same assembler.
 */
public final class InboundBudget {
    private final long limit;
    private final AtomicLong charged = new AtomicLong();

    /**
     * @param limit the most bytes all connections may buffer together
     */
    public InboundBudget(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the inbound buffer limit must be positive, not " + limit);
        }
        this.limit = limit;
    }

    /** The most bytes all connections may buffer together. */
    long limit() {
        return limit;
    }

    /** The bytes charged now. */
    long charged() {
        return charged.get();
    }

    /**
     * Charges {@code bytes} if they fit under the limit.
     *
     * @return whether they were charged; if not, nothing was
     */
    boolean charge(long bytes) {
        if (charged.addAndGet(bytes) <= limit) {
            return true;
        }
        charged.addAndGet(-bytes);
        return false;
    }

    /** Gives back bytes charged before. */
    void release(long bytes) {
        charged.addAndGet(-bytes);
    }
}
