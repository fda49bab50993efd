package io.wsconnector.json.avaje;

/**
 * Checks that a text is exactly one JSON value (RFC 8259), with nothing after it but white space, and
 * finds where a top-level member's value starts on the way. avaje-jsonb's parser is strict about what it
 * decodes but lenient about what it skips (a trailing comma, two array elements without one, a raw
 * control character in a string), so every message is checked with this before it is decoded: one pass
 * over the characters, allocating nothing up to 64 levels of nesting. Finding the dispatch key in the
 * same pass is what makes a dispatched message cost one check and one decode, no more than a handler
 * that parses by hand. It also tells a text that is not JSON from JSON that does not fit, after a decode
 * failed.
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

    private final String text;
    /** The top-level member sought, or null. */
    private final String member;
    /** Where its value starts; {@link #ABSENT} until it is found, or {@link #ESCAPED_NAME}. */
    private int memberValue = ABSENT;
    private int position;
    /** Whether each open container is an object (bit set) or an array, for the first 64 levels. */
    private long objects;
    /** The same for deeper levels; allocated only for them. */
    private boolean[] deeperObjects;
    private int depth;

    private JsonText(String text, String member) {
        this.text = text;
        this.member = member;
    }

    /** Whether {@code text} is exactly one valid JSON value, with nothing after it but white space. */
    static boolean isValid(String text) {
        return new JsonText(text, null).value();
    }

    /**
     * Checks {@code text} as {@link #isValid} does and finds its first top-level member named
     * {@code name}.
     *
     * @return the index where that member's value starts (after white space), or {@link #INVALID},
     *         {@link #ABSENT} or {@link #ESCAPED_NAME}
     */
    static int memberValue(String text, String name) {
        JsonText scan = new JsonText(text, name);
        return scan.value() ? scan.memberValue : INVALID;
    }

    private boolean value() {
        skipWhiteSpace();
        while (true) {
            if (position >= text.length()) {
                return false;
            }
            char c = text.charAt(position);
            if (c == '{' || c == '[') {
                position++;
                skipWhiteSpace();
                char close = c == '{' ? '}' : ']';
                if (position < text.length() && text.charAt(position) == close) {
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
                    return position == text.length();
                }
                if (position >= text.length()) {
                    return false;
                }
                char next = text.charAt(position++);
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
        if (position >= text.length() || text.charAt(position) != '"' || !string()) {
            return false;
        }
        boolean sought = depth == 1 && member != null && memberValue == ABSENT && isSought(start + 1, position - 1);
        skipWhiteSpace();
        if (position >= text.length() || text.charAt(position) != ':') {
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
        if (text.indexOf('\\', start, end) >= 0) {
            memberValue = ESCAPED_NAME; // stops looking: the first member of that name counts
            return false;
        }
        return end - start == member.length() && text.startsWith(member, start);
    }

    private boolean scalar(char c) {
        return switch (c) {
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> c == '-' || (c >= '0' && c <= '9') ? number() : false;
        };
    }

    /** A string, from its opening quote (at {@code position}) to after its closing one. */
    private boolean string() {
        position++;
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (c == '"') {
                return true;
            }
            if (c < 0x20) {
                return false;
            }
            if (c == '\\') {
                if (position >= text.length()) {
                    return false;
                }
                char escaped = text.charAt(position++);
                if (escaped == 'u') {
                    for (int i = 0; i < 4; i++) {
                        if (position >= text.length() || Character.digit(text.charAt(position++), 16) < 0) {
                            return false;
                        }
                    }
                } else if ("\"\\/bfnrt".indexOf(escaped) < 0) {
                    return false;
                }
            }
        }
        return false;
    }

    /** {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?} */
    private boolean number() {
        if (text.charAt(position) == '-') {
            position++;
        }
        if (position < text.length() && text.charAt(position) == '0') {
            position++;
        } else if (digits() == 0) {
            return false;
        }
        if (position < text.length() && text.charAt(position) == '.') {
            position++;
            if (digits() == 0) {
                return false;
            }
        }
        if (position < text.length() && (text.charAt(position) == 'e' || text.charAt(position) == 'E')) {
            position++;
            if (position < text.length() && (text.charAt(position) == '+' || text.charAt(position) == '-')) {
                position++;
            }
            return digits() > 0;
        }
        return true;
    }

    private int digits() {
        int start = position;
        while (position < text.length() && text.charAt(position) >= '0' && text.charAt(position) <= '9') {
            position++;
        }
        return position - start;
    }

    private boolean literal(String literal) {
        if (!text.startsWith(literal, position)) {
            return false;
        }
        position += literal.length();
        return true;
    }

    private void skipWhiteSpace() {
        while (position < text.length()) {
            char c = text.charAt(position);
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
