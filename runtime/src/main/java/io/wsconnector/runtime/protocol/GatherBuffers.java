package io.wsconnector.runtime.protocol;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * Buffers that writers copy several small queued frames into, for one write instead of many; shared by
 * all connections of the JVM. A writer borrows one for a write and gives it back, so the memory they take
 * is bounded by this pool (and the writes in progress), not by the number of connections.
 */
final class GatherBuffers {
    /** The size of a buffer. */
    static final int SIZE = 64 * 1024;

    private static final ArrayBlockingQueue<byte[]> POOL = new ArrayBlockingQueue<>(32);

    private GatherBuffers() {
    }

    /** A buffer from the pool, or a new one if the pool is empty. */
    static byte[] borrow() {
        byte[] buffer = POOL.poll();
        return buffer != null ? buffer : new byte[SIZE];
    }

    /** Gives a buffer back after the write; dropped if the pool is full. */
    static void giveBack(byte[] buffer) {
        POOL.offer(buffer);
    }
}
