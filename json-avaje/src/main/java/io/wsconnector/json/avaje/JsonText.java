package io.wsconnector.json.avaje;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Checks that a message is exactly one JSON value (RFC 8259), with nothing after it but white space, and
 * finds where a top-level member's value starts on the way. avaje-jsonb's parser is strict about what it
 * decodes but lenient about what it skips (a trailing comma, two array elements without one, a raw
 * control character in a string), so every message is checked with this before it is decoded: one pass
 * over the bytes, allocating nothing up to 64 levels of nesting. Finding the dispatch key in the same
 * pass is what makes a dispatched message cost one check and one decode, no more than a handler that
 * parses by hand. It also tells a text that is not JSON from JSON that does not fit, after a decode
 * failed.
 *
 * <p>It reads UTF-8, the bytes avaje-jsonb parses: the runtime hands a typed endpoint its messages as
 * UTF-8 it has already validated (RFC 6455 requires it), so only the JSON is checked here. Outside
 * strings JSON is ASCII; inside them, any byte from 0x80 up belongs to a character that needs no escape.
 */
final class JsonText {
    /** {@link #memberValue}: the text is not one valid JSON value. */
    static final int INVALID = -1;
    /** {@link #memberValue}: valid JSON, but not an object with a member of that name. */
    static final int ABSENT = -2;
    /**
     * {@link #memberValue}: valid JSON, and a top-level member name before the one sought has an escape
     * ({@code "ty\u0070e"}); telling whether it is the name takes a real parser.
     */
    static final int ESCAPED_NAME = -3;

    private static final int BITS_IN_LONG = 64;
    /** The bytes a string may hold as they are: not a quote, not a backslash, not a control character. */
    private static final boolean[] PLAIN = new boolean[256];
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    /** The hexadecimal digits, for {@code \}{@code uXXXX}. */
    private static final boolean[] HEX = new boolean[256];

    static {
        for (int b = 0x20; b < 256; b++) {
            PLAIN[b] = b != '"' && b != '\\';
        }
        for (char c : "0123456789abcdefABCDEF".toCharArray()) {
            HEX[c] = true;
        }
    }

    private final byte[] text;
    private final int length;
    /** The top-level member sought, in UTF-8, or null. */
    private final byte[] member;
    /** Where its value starts; {@link #ABSENT} until it is found, or {@link #ESCAPED_NAME}. */
    private int memberValue = ABSENT;
    private int position;
    /** Whether each open container is an object (bit set) or an array, for the first 64 levels. */
    private long objects;
    /** The same for deeper levels; allocated only for them. */
    private boolean[] deeperObjects;
    private int depth;

    private JsonText(byte[] text, byte[] member) {
        this.text = text;
        this.length = text.length;
        this.member = member;
    }

    /** Whether {@code text} is exactly one valid JSON value, with nothing after it but white space. */
    static boolean isValid(byte[] text) {
        return new JsonText(text, null).value();
    }

    /** {@link #isValid(byte[])} of a string's UTF-8. */
    static boolean isValid(String text) {
        return isValid(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Checks {@code text} as {@link #isValid} does and finds its first top-level member named
     * {@code name}.
     *
     * @param name the member's name in UTF-8
     * @return the index where that member's value starts (after white space), or {@link #INVALID},
     *         {@link #ABSENT} or {@link #ESCAPED_NAME}
     */
    static int memberValue(byte[] text, byte[] name) {
        JsonText scan = new JsonText(text, name);
        return scan.value() ? scan.memberValue : INVALID;
    }

    private boolean value() {
        skipWhiteSpace();
        while (true) {
            if (position >= length) {
                return false;
            }
            byte c = text[position];
            if (c == '{' || c == '[') {
                position++;
                skipWhiteSpace();
                byte close = c == '{' ? (byte) '}' : (byte) ']';
                if (position < length && text[position] == close) {
                    position++;
                } else {
                    push(c == '{');
                    if (c == '{' && !memberName()) {
                        return false;
                    }
                    continue; // the first element's value
                }
            } else if (!scalar(c)) {
                return false;
            }
            // after a value: the end, a comma, or the end of its container
            while (true) {
                skipWhiteSpace();
                if (depth == 0) {
                    return position == length;
                }
                if (position >= length) {
                    return false;
                }
                byte next = text[position++];
                boolean inObject = inObject();
                if (next == ',') {
                    skipWhiteSpace();
                    if (inObject && !memberName()) {
                        return false;
                    }
                    break; // the next element's value
                }
                if (next != (inObject ? '}' : ']')) {
                    return false;
                }
                depth--;
            }
        }
    }

    /** {@code "name"} and its colon, then white space. */
    private boolean memberName() {
        int start = position;
        if (position >= length || text[position] != '"' || !string()) {
            return false;
        }
        boolean sought = depth == 1 && member != null && memberValue == ABSENT && isSought(start + 1, position - 1);
        skipWhiteSpace();
        if (position >= length || text[position] != ':') {
            return false;
        }
        position++;
        skipWhiteSpace();
        if (sought) {
            memberValue = position;
        }
        return true;
    }

    /** Whether the name between {@code start} and {@code end} (its quotes excluded) is the member sought. */
    private boolean isSought(int start, int end) {
        for (int i = start; i < end; i++) {
            if (text[i] == '\\') {
                memberValue = ESCAPED_NAME; // stops looking: the first member of that name counts
                return false;
            }
        }
        return end - start == member.length && Arrays.equals(text, start, end, member, 0, member.length);
    }

    private boolean scalar(byte c) {
        return switch (c) {
            case '"' -> string();
            case 't' -> literal(TRUE);
            case 'f' -> literal(FALSE);
            case 'n' -> literal(NULL);
            default -> c == '-' || (c >= '0' && c <= '9') ? number() : false;
        };
    }

    /** A string, from its opening quote (at {@code position}) to after its closing one. */
    private boolean string() {
        byte[] bytes = text;
        int at = position + 1;
        while (at < length) {
            int b = bytes[at++] & 0xFF;
            if (PLAIN[b]) {
                continue;
            }
            if (b == '"') {
                position = at;
                return true;
            }
            if (b != '\\' || at >= length) {
                return false; // a control character, or a backslash at the end
            }
            byte escaped = bytes[at++];
            if (escaped == 'u') {
                if (at + 4 > length || !HEX[bytes[at] & 0xFF] || !HEX[bytes[at + 1] & 0xFF]
                        || !HEX[bytes[at + 2] & 0xFF] || !HEX[bytes[at + 3] & 0xFF]) {
                    return false;
                }
                at += 4;
            } else if (escaped != '"' && escaped != '\\' && escaped != '/' && escaped != 'b' && escaped != 'f'
                    && escaped != 'n' && escaped != 'r' && escaped != 't') {
                return false;
            }
        }
        return false;
    }

    /** {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?} */
    private boolean number() {
        if (text[position] == '-') {
            position++;
        }
        if (position < length && text[position] == '0') {
            position++;
        } else if (digits() == 0) {
            return false;
        }
        if (position < length && text[position] == '.') {
            position++;
            if (digits() == 0) {
                return false;
            }
        }
        if (position < length && (text[position] == 'e' || text[position] == 'E')) {
            position++;
            if (position < length && (text[position] == '+' || text[position] == '-')) {
                position++;
            }
            return digits() > 0;
        }
        return true;
    }

    private int digits() {
        int start = position;
        while (position < length && text[position] >= '0' && text[position] <= '9') {
            position++;
        }
        return position - start;
    }

    private boolean literal(byte[] literal) {
        if (position + literal.length > length
                || !Arrays.equals(text, position, position + literal.length, literal, 0, literal.length)) {
            return false;
        }
        position += literal.length;
        return true;
    }

    private void skipWhiteSpace() {
        while (position < length) {
            byte c = text[position];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            position++;
        }
    }

    private void push(boolean object) {
        if (depth < BITS_IN_LONG) {
            long bit = 1L << depth;
            objects = object ? objects | bit : objects & ~bit;
        } else {
            int index = depth - BITS_IN_LONG;
            if (deeperObjects == null || index >= deeperObjects.length) {
                boolean[] larger = new boolean[Math.max(BITS_IN_LONG, 2 * index)];
                if (deeperObjects != null) {
                    System.arraycopy(deeperObjects, 0, larger, 0, deeperObjects.length);
                }
                deeperObjects = larger;
            }
            deeperObjects[index] = object;
        }
        depth++;
    }

    private boolean inObject() {
        int top = depth - 1;
        return top < BITS_IN_LONG ? (objects & (1L << top)) != 0 : deeperObjects[top - BITS_IN_LONG];
    }
}
