package io.wsconnector.processor;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.lang.model.SourceVersion;

/**
 * Names the generated dispatcher's fields that hold handshake values: each value's name as a Java
 * identifier ({@code xClientVersion} for the header {@code X-Client-Version}), unique in the dispatcher.
 */
final class HandshakeValueFields {
    private HandshakeValueFields() {
    }

    /**
     * One field name per handshake value, made unique with the source and then the type if needed.
     *
     * @param reserved the names the dispatcher's methods use, which a field would be shadowed by
     * @return the names, in the order of {@code values}
     */
    static Map<HandshakeValue, String> names(List<HandshakeValue> values, Set<String> reserved) {
        Map<HandshakeValue, String> names = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>(reserved);
        for (HandshakeValue value : values) {
            String base = identifier(value.name(), value.source());
            String source = capitalize(value.source().name().toLowerCase(Locale.ROOT));
            String type = (value.optional() ? "Optional" : "") + value.type().simpleName();
            String name = base;
            for (String candidate : List.of(base, base + source, base + source + type)) {
                if (SourceVersion.isName(candidate) && !taken.contains(candidate)) {
                    name = candidate;
                    break;
                }
                name = candidate;
            }
            String unique = name;
            for (int i = 2; taken.contains(unique) || !SourceVersion.isName(unique); i++) {
                unique = name + i;
            }
            taken.add(unique);
            names.put(value, unique);
        }
        return names;
    }

    /** {@code name} in camel case, e.g. {@code xClientVersion} for {@code X-Client-Version}. */
    private static String identifier(String name, HandshakeValue.Source source) {
        StringBuilder identifier = new StringBuilder();
        boolean startOfWord = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!Character.isJavaIdentifierPart(c) || c == '$') {
                startOfWord = true;
            } else if (identifier.isEmpty()) {
                identifier.append(Character.toLowerCase(c));
                startOfWord = false;
            } else {
                identifier.append(startOfWord ? Character.toUpperCase(c) : c);
                startOfWord = false;
            }
        }
        if (identifier.isEmpty() || !Character.isJavaIdentifierStart(identifier.charAt(0))) {
            return source.name().toLowerCase(Locale.ROOT) + capitalize(identifier.toString());
        }
        return identifier.toString();
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
