package io.wsconnector.runtime.protocol;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default connection cap leaves the rest of the process a tenth of its open files, at least 128, at
 * most half of them.
 */
class ConnectionCapTest {
    @Test
    void aTenthOfALargeLimitIsKeptForTheRestOfTheProcess() {
        assertEquals(943_719, ConnectionCap.derive(1_048_576));
        assertEquals(18_000, ConnectionCap.derive(20_000));
    }

    @Test
    void atLeast128DescriptorsAreKeptButNeverMoreThanHalf() {
        assertEquals(896, ConnectionCap.derive(1024));
        assertEquals(128, ConnectionCap.derive(256));
        assertEquals(100, ConnectionCap.derive(200));
        assertEquals(1, ConnectionCap.derive(2));
    }

    @Test
    void anUnknownLimitMeansNoCap() {
        assertEquals(-1, ConnectionCap.derive(-1));
    }

    @Test
    void thisProcessHasALimitOnLinux() {
        if (System.getProperty("os.name").startsWith("Linux")) {
            int cap = ConnectionCap.forThisProcess();
            assertTrue(cap > 0 && cap < ConnectionCap.openFileLimit(), () -> "cap " + cap);
        }
    }
}
