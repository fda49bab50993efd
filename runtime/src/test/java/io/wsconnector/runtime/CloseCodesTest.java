package io.wsconnector.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CloseCodesTest {

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000,
            4001, 4999})
    void sendable(int code) {
        assertTrue(CloseCodes.isSendable(code), () -> code + " should be sendable");
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1000, -1, 0, 1, 999,
            1004,  // reserved
            1005,  // no status received: must not be sent
            1006,  // abnormal closure: must not be sent
            1015,  // TLS handshake failure: must not be sent
            1016, 1100, 2000, 2999, 5000, 65535, 65536, Integer.MAX_VALUE})
    void notSendable(int code) {
        assertFalse(CloseCodes.isSendable(code), () -> code + " should not be sendable");
    }

    @Test
    void exactlyTheDocumentedRangesAreSendableUpTo70000() {
        int sendable = 0;
        for (int code = -10; code <= 70_000; code++) {
            boolean expected = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
                    || (code >= 3000 && code <= 4999);
            assertEquals(expected, CloseCodes.isSendable(code), "code " + code);
            if (CloseCodes.isSendable(code)) {
                sendable++;
            }
        }
        assertEquals(4 + 8 + 2000, sendable);
    }

    @Test
    void constantsAreTheRfc6455Values() {
        assertEquals(1000, CloseCodes.NORMAL_CLOSURE);
        assertEquals(1001, CloseCodes.GOING_AWAY);
        assertEquals(1002, CloseCodes.PROTOCOL_ERROR);
        assertEquals(1003, CloseCodes.UNSUPPORTED_DATA);
        assertEquals(1007, CloseCodes.INVALID_PAYLOAD);
        assertEquals(1008, CloseCodes.POLICY_VIOLATION);
        assertEquals(1009, CloseCodes.MESSAGE_TOO_BIG);
        assertEquals(1011, CloseCodes.INTERNAL_ERROR);
        for (int code : new int[] {CloseCodes.NORMAL_CLOSURE, CloseCodes.GOING_AWAY, CloseCodes.PROTOCOL_ERROR,
                CloseCodes.UNSUPPORTED_DATA, CloseCodes.INVALID_PAYLOAD, CloseCodes.POLICY_VIOLATION,
                CloseCodes.MESSAGE_TOO_BIG, CloseCodes.INTERNAL_ERROR}) {
            assertTrue(CloseCodes.isSendable(code), () -> "constant " + code + " must be sendable");
        }
    }
}
