package io.wsconnector.runtime.protocol;

/**
 * Checks UTF-8 as it arrives, a chunk at a time, so that invalid input is detected at the first
 * byte that makes it invalid even when a character is split across frames (RFC 6455, section 8.1;
 * RFC 3629, section 4: no overlong forms, no surrogates, nothing above U+10FFFF).
 */
final class Utf8Validator {
    private int remaining;
    private int lower = 0x80;
    private int upper = 0xBF;

    /**
     * Checks bytes that hold a whole text, such as a close reason.
     *
     * @return whether they are valid UTF-8, ending on a character boundary
     */
    static boolean isValid(byte[] bytes, int offset, int length) {
        Utf8Validator validator = new Utf8Validator();
        return validator.feed(bytes, offset, length) && validator.isComplete();
    }

    /**
     * Feeds {@code length} bytes.
     *
     * @return {@code false} as soon as the bytes fed so far cannot begin valid UTF-8
     */
    boolean feed(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            if (remaining == 0) {
                // ASCII runs are the common case
                while (i < end && bytes[i] >= 0) {
                    i++;
                }
                if (i == end) {
                    return true;
                }
                int lead = bytes[i++] & 0xFF;
                if (lead >= 0xC2 && lead <= 0xDF) {
                    remaining = 1;
                } else if (lead == 0xE0) {
                    remaining = 2;
                    lower = 0xA0;
                } else if (lead == 0xED) {
                    remaining = 2;
                    upper = 0x9F;
                } else if (lead >= 0xE1 && lead <= 0xEF) {
                    remaining = 2;
                } else if (lead == 0xF0) {
                    remaining = 3;
                    lower = 0x90;
                } else if (lead == 0xF4) {
                    remaining = 3;
                    upper = 0x8F;
                } else if (lead >= 0xF1 && lead <= 0xF3) {
                    remaining = 3;
                } else {
                    return false;
                }
            } else {
                int next = bytes[i++] & 0xFF;
                if (next < lower || next > upper) {
                    return false;
                }
                lower = 0x80;
                upper = 0xBF;
                remaining--;
            }
        }
        return true;
    }

    /**
     * Whether the bytes fed so far end on a character boundary.
     */
    boolean isComplete() {
        return remaining == 0;
    }

    /**
     * Forgets everything fed, for the next message.
     */
    void reset() {
        remaining = 0;
        lower = 0x80;
        upper = 0xBF;
    }
}
