package io.wsconnector.runtime.protocol;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

import com.sun.management.UnixOperatingSystemMXBean;

/**
 * The default connection cap, derived from the process's limit of open files: each connection holds one
 * descriptor, and a listener that fails to accept for want of one stops listening for good (Helidon 4.5's
 * {@code ServerListener} treats any error of {@code accept} as fatal). The cap leaves the process a reserve
 * for what else it opens — its jar files, log files, outgoing connections, the JVM's own — of a tenth of
 * the limit, at least {@value #MIN_RESERVE} descriptors, and never more than half the limit.
 */
public final class ConnectionCap {
    /** The fewest descriptors kept for the rest of the process: an idle server holds about 50. */
    static final int MIN_RESERVE = 128;

    private ConnectionCap() {
    }

    /**
     * The cap for this process.
     *
     * @return the most connections to accept at once; {@code -1} if the limit of open files is unknown or
     *         unlimited (no cap)
     */
    public static int forThisProcess() {
        return derive(openFileLimit());
    }

    /**
     * @param openFileLimit the process's limit of open files; {@code -1} if unknown
     * @return the cap: the limit less a tenth of it, at least {@value #MIN_RESERVE}, at most half of it;
     *         {@code -1} for an unknown limit
     */
    static int derive(long openFileLimit) {
        if (openFileLimit <= 0) {
            return -1;
        }
        long reserve = Math.min(Math.max(MIN_RESERVE, openFileLimit / 10), openFileLimit / 2);
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, openFileLimit - reserve));
    }

    /** The process's limit of open files (the JVM raises the soft limit to the hard one), or -1 if unknown. */
    static long openFileLimit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof UnixOperatingSystemMXBean unix) {
            long limit = unix.getMaxFileDescriptorCount();
            return limit > 0 && limit < Long.MAX_VALUE ? limit : -1;
        }
        return -1;
    }
}
