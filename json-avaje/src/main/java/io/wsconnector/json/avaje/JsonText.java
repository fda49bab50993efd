package io.wsconnector.json.avaje;

import java.util.Arrays;

/**
 * Checks that a message is exactly one JSON value (RFC 8259), with nothing after it but white space, and
 * finds where a top-level member's value starts on the way. avaje-jsonb's parser is strict about what it
 * decodes but lenient elsewhere (a trailing or leading comma, text after the value, a raw control
 * character in a string, anything in a value it skips), so every message is checked with this before it
 * is decoded. Finding the dispatch key in the same pass is what makes a dispatched message cost one check
 * and one decode.
 *
 * <p>It reads UTF-8, the bytes avaje-jsonb parses: the runtime hands a typed endpoint its messages as
 * UTF-8 it has already validated (RFC 6455 requires it), so only the JSON is checked here. Outside
 * strings JSON is ASCII; inside them, any byte from 0x80 up belongs to a character that needs no escape.
 *
 * <p>Written for speed, because every message pays for it: one loop over the bytes with the position in
 * a local variable, small static steps the JIT inlines, a table for the bytes of strings, and the open
 * containers as bits of a {@code long} (an array only past 64 levels); it allocates nothing else.
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
    /** While scanning: the member's name was just read; its value starts after the colon. */
    private static final int NAME_READ = -4;

    private static final int BITS_IN_LONG = 64;
    /** The bytes a string may hold as they are: not a quote, not a backslash, not a control character. */
    private static final boolean[] PLAIN = new boolean[256];
    /** The hexadecimal digits, for {@code \}{@code uXXXX}. */
    private static final boolean[] HEX = new boolean[256];
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    static {
        for (int b = 0x20; b < 256; b++) {
            PLAIN[b] = b != '"' && b != '\\';
        }
        for (char c : "0123456789abcdefABCDEF".toCharArray()) {
            HEX[c] = true;
        }
    }

    private JsonText() {
    }

    /** Whether {@code text} is exactly one valid JSON value, with nothing after it but white space. */
    static boolean isValid(byte[] text) {
        return scan(text, null) != INVALID;
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
        return scan(text, name);
    }

    /**
     * The one pass: a value, then what may follow it (a comma and the next element, the end of its
     * container, or the end of the text), until the text ends.
     *
     * @param member the top-level member sought, or {@code null}
     */
    private static int scan(byte[] b, byte[] member) {
        int n = b.length;
        int found = member == null ? ESCAPED_NAME : ABSENT; // ESCAPED_NAME also stops the looking
        int depth = 0;
        long objects = 0; // bit d set: the container at depth d is an object
        boolean[] deeperObjects = null;
        boolean name = false; // whether a member name and its colon come before the next value
        int pos = skipWhiteSpace(b, 0, n);
        while (true) {
            if (name) {
                int start = pos;
                if (pos >= n || b[pos] != '"' || (pos = stringEnd(b, pos + 1, n)) < 0) {
                    return INVALID;
                }
                if (depth == 1 && found == ABSENT) {
                    found = sought(b, start + 1, pos - 1, member);
                }
                pos = skipWhiteSpace(b, pos, n);
                if (pos >= n || b[pos] != ':') {
                    return INVALID;
                }
                pos = skipWhiteSpace(b, pos + 1, n);
                if (found == NAME_READ) {
                    found = pos;
                }
            }
            if (pos >= n) {
                return INVALID;
            }
            byte c = b[pos];
            if (c == '{' || c == '[') {
                pos = skipWhiteSpace(b, pos + 1, n);
                if (pos < n && b[pos] == (c == '{' ? '}' : ']')) {
                    pos++; // empty: a whole value
                } else {
                    if (depth < BITS_IN_LONG) {
                        long bit = 1L << depth;
                        objects = c == '{' ? objects | bit : objects & ~bit;
                    } else {
                        deeperObjects = push(deeperObjects, depth - BITS_IN_LONG, c == '{');
                    }
                    depth++;
                    name = c == '{';
                    continue; // the first element
                }
            } else {
                pos = switch (c) {
                    case '"' -> stringEnd(b, pos + 1, n);
                    case 't' -> literalEnd(b, pos, n, TRUE);
                    case 'f' -> literalEnd(b, pos, n, FALSE);
                    case 'n' -> literalEnd(b, pos, n, NULL);
                    default -> c == '-' || (c >= '0' && c <= '9') ? numberEnd(b, pos, n) : INVALID;
                };
                if (pos < 0) {
                    return INVALID;
                }
            }
            // after a value: the end, a comma, or the end of its container
            while (true) {
                pos = skipWhiteSpace(b, pos, n);
                if (depth == 0) {
                    return pos == n ? (member == null ? ABSENT : found) : INVALID;
                }
                if (pos >= n) {
                    return INVALID;
                }
                byte next = b[pos++];
                int top = depth - 1;
                boolean inObject = top < BITS_IN_LONG ? (objects >>> top & 1) != 0
                        : deeperObjects[top - BITS_IN_LONG];
                if (next == ',') {
                    pos = skipWhiteSpace(b, pos, n);
                    name = inObject;
                    break; // the next element
                }
                if (next != (inObject ? '}' : ']')) {
                    return INVALID;
                }
                depth--;
            }
        }
    }

    /**
     * Whether the name between {@code start} and {@code end} (its quotes excluded) is the member sought:
     * {@link #NAME_READ} if it is, {@link #ESCAPED_NAME} if it has an escape (the first member of that
     * name counts, so the looking stops), else {@link #ABSENT}.
     */
    private static int sought(byte[] b, int start, int end, byte[] member) {
        for (int i = start; i < end; i++) {
            if (b[i] == '\\') {
                return ESCAPED_NAME;
            }
        }
        return Arrays.equals(b, start, end, member, 0, member.length) ? NAME_READ : ABSENT;
    }

    /** Where a string ends (after its closing quote), from after its opening one; -1 if it is invalid. */
    private static int stringEnd(byte[] b, int pos, int n) {
        while (pos < n) {
            int c = b[pos++] & 0xFF;
            if (PLAIN[c]) {
                continue;
            }
            if (c == '"') {
                return pos;
            }
            if (c != '\\' || pos >= n) {
                return INVALID; // a control character, or a backslash at the end
            }
            byte escaped = b[pos++];
            if (escaped == 'u') {
                if (pos + 4 > n || !HEX[b[pos] & 0xFF] || !HEX[b[pos + 1] & 0xFF] || !HEX[b[pos + 2] & 0xFF]
                        || !HEX[b[pos + 3] & 0xFF]) {
                    return INVALID;
                }
                pos += 4;
            } else if (escaped != '"' && escaped != '\\' && escaped != '/' && escaped != 'b' && escaped != 'f'
                    && escaped != 'n' && escaped != 'r' && escaped != 't') {
                return INVALID;
            }
        }
        return INVALID;
    }

    /** {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}: where it ends, or -1. */
    private static int numberEnd(byte[] b, int pos, int n) {
        if (b[pos] == '-') {
            pos++;
        }
        if (pos < n && b[pos] == '0') {
            pos++;
        } else if ((pos = digitsEnd(b, pos, n)) < 0) {
            return INVALID;
        }
        if (pos < n && b[pos] == '.' && (pos = digitsEnd(b, pos + 1, n)) < 0) {
            return INVALID;
        }
        if (pos < n && (b[pos] == 'e' || b[pos] == 'E')) {
            pos++;
            if (pos < n && (b[pos] == '+' || b[pos] == '-')) {
                pos++;
            }
            return digitsEnd(b, pos, n);
        }
        return pos;
    }

    /** Where one or more digits end, or -1 if there is none. */
    private static int digitsEnd(byte[] b, int pos, int n) {
        int start = pos;
        while (pos < n && b[pos] >= '0' && b[pos] <= '9') {
            pos++;
        }
        return pos > start ? pos : INVALID;
    }

    private static int literalEnd(byte[] b, int pos, int n, byte[] literal) {
        int end = pos + literal.length;
        return end <= n && Arrays.equals(b, pos, end, literal, 0, literal.length) ? end : INVALID;
    }

    private static int skipWhiteSpace(byte[] b, int pos, int n) {
        while (pos < n) {
            byte c = b[pos];
            if (c > ' ' || (c != ' ' && c != '\t' && c != '\n' && c != '\r')) {
                return pos;
            }
            pos++;
        }
        return pos;
    }

    /** Records whether the container at depth {@code 64 + index} is an object, growing the array as needed. */
    private static boolean[] push(boolean[] deeperObjects, int index, boolean object) {
        boolean[] objects = deeperObjects;
        if (objects == null || index >= objects.length) {
            objects = Arrays.copyOf(objects == null ? new boolean[0] : objects, Math.max(BITS_IN_LONG, 2 * index));
        }
        objects[index] = object;
        return objects;
    }
}
