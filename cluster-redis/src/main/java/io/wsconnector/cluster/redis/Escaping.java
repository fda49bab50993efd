package io.wsconnector.cluster.redis;

/**
 * Percent-escaping of chosen characters (and of {@code %} itself), so that names can be joined with those
 * characters as separators and split again.
 */
final class Escaping {
    private Escaping() {
    }

    /**
     * @param value    the text
     * @param specials the characters to escape besides {@code %}
     * @return the text with {@code %} and each special character as {@code %XX}
     */
    static String escape(String value, String specials) {
        StringBuilder escaped = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean special = c == '%' || specials.indexOf(c) >= 0;
            if (special && escaped == null) {
                escaped = new StringBuilder(value.length() + 8).append(value, 0, i);
            }
            if (escaped != null) {
                if (special) {
                    escaped.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
                } else {
                    escaped.append(c);
                }
            }
        }
        return escaped == null ? value : escaped.toString();
    }

    /** Undoes {@link #escape}; the specials must be ASCII. */
    static String unescape(String value) {
        int percent = value.indexOf('%');
        if (percent < 0) {
            return value;
        }
        StringBuilder plain = new StringBuilder(value.length()).append(value, 0, percent);
        for (int i = percent; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length()) {
                plain.append((char) Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c == '%') {
                throw new IllegalArgumentException("a % without two hex digits in " + value);
            } else {
                plain.append(c);
            }
        }
        return plain.toString();
    }
}
