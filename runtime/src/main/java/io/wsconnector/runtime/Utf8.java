package io.wsconnector.runtime;

/**
 * UTF-8 arithmetic without encoding.
 */
final class Utf8 {
    private Utf8() {
    }

    /**
     * The number of bytes {@code text} takes in UTF-8 (an unpaired surrogate counts as the 3 bytes of
     * the replacement character it is encoded as).
     */
    static long encodedLength(CharSequence text) {
        long bytes = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
