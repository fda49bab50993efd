package io.wsconnector.json.avaje;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@link JsonText}, written for speed, against a plain recursive-descent reading of RFC 8259's grammar
 * written for clarity, on valid messages and on many random one-byte mutations of them: both must
 * agree on every text, and on where the top-level {@code "type"} member's value starts.
 */
class JsonTextDifferentialTest {
    private static final String[] SEEDS = {
            "{\"id\":\"0000000000001234\",\"type\":\"move\",\"player\":\"player-42\",\"x\":-17,\"y\":333,\"z\":5,"
                    + "\"tick\":1000123456,\"running\":true,\"note\":\"abcdefghijklmnopqrstuvwxyz\"}",
            " { \"a\" : [ 1 , -0.5e+3 , { \"b\" : null } , \"x\\\"y\" , [ ] , { } ] , \"type\" : \"t\\u00e9\" } ",
            "[true,false,null,\"é€😀\",0,1E9,{\"type\":1},[[[]]]]",
            "{\"t\\u0079pe\":1,\"type\":\"x\",\"s\":\"\\\\\\/\\b\\f\\n\\r\\t\"}",
            "\"just a string\"",
            "-12.75e-2",
    };
    /** What a mutation inserts or writes: the bytes that matter to JSON, and some that do not. */
    private static final byte[] MUTATIONS = " \t\n\r{}[]:,\"\\0123456789-+.eEtrufalsn\u0001x\u007f".getBytes(
            StandardCharsets.ISO_8859_1);
    private static final byte[] TYPE = "type".getBytes(StandardCharsets.UTF_8);

    @Test
    void agreesWithTheGrammarOnValidTextsAndTheirMutations() {
        Random random = new Random(20261206);
        int checked = 0;
        for (String seed : SEEDS) {
            byte[] valid = seed.getBytes(StandardCharsets.UTF_8);
            assertAgree(valid);
            for (int i = 0; i < 20_000; i++) {
                byte[] text = mutate(valid, random);
                if (random.nextInt(4) == 0) {
                    text = mutate(text, random);
                }
                assertAgree(text);
                checked++;
            }
        }
        assertEquals(SEEDS.length * 20_000, checked);
    }

    private static byte[] mutate(byte[] text, Random random) {
        int at = random.nextInt(text.length + 1);
        byte b = MUTATIONS[random.nextInt(MUTATIONS.length)];
        return switch (random.nextInt(3)) {
            case 0 -> { // delete
                if (at == text.length) {
                    yield text;
                }
                byte[] shorter = new byte[text.length - 1];
                System.arraycopy(text, 0, shorter, 0, at);
                System.arraycopy(text, at + 1, shorter, at, text.length - at - 1);
                yield shorter;
            }
            case 1 -> { // insert
                byte[] longer = new byte[text.length + 1];
                System.arraycopy(text, 0, longer, 0, at);
                longer[at] = b;
                System.arraycopy(text, at, longer, at + 1, text.length - at);
                yield longer;
            }
            default -> { // replace
                if (at == text.length || (text[at] & 0x80) != 0) {
                    yield text; // keeps the UTF-8 valid, as the runtime's is
                }
                byte[] copy = text.clone();
                copy[at] = b;
                yield copy;
            }
        };
    }

    private static void assertAgree(byte[] text) {
        Grammar grammar = new Grammar(text);
        boolean valid = grammar.document();
        String shown = new String(text, StandardCharsets.UTF_8);
        assertEquals(valid, JsonText.isValid(text), shown);
        int expected = !valid ? JsonText.INVALID : grammar.typeValue;
        assertEquals(expected, JsonText.memberValue(text, TYPE), shown);
    }

    /** RFC 8259, section 2 to 7, as written; records where the first top-level "type" member's value starts. */
    private static final class Grammar {
        private final byte[] text;
        private int pos;
        private int depth;
        int typeValue = JsonText.ABSENT;

        Grammar(byte[] text) {
            this.text = text;
        }

        boolean document() {
            ws();
            if (!value()) {
                return false;
            }
            ws();
            return pos == text.length;
        }

        private boolean value() {
            if (pos >= text.length) {
                return false;
            }
            return switch (text[pos]) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> string();
                case 't' -> word("true");
                case 'f' -> word("false");
                case 'n' -> word("null");
                default -> number();
            };
        }

        private boolean object() {
            pos++;
            depth++;
            ws();
            if (at('}')) {
                depth--;
                return true;
            }
            do {
                ws();
                int nameStart = pos;
                if (!string()) {
                    return false;
                }
                String name = new String(text, nameStart + 1, pos - nameStart - 2, StandardCharsets.UTF_8);
                ws();
                if (!at(':')) {
                    return false;
                }
                ws();
                if (depth == 1 && typeValue == JsonText.ABSENT) {
                    if (name.indexOf('\\') >= 0) {
                        typeValue = JsonText.ESCAPED_NAME;
                    } else if (name.equals("type")) {
                        typeValue = pos;
                    }
                }
                if (!value()) {
                    return false;
                }
                ws();
            } while (at(','));
            depth--;
            return at('}');
        }

        private boolean array() {
            pos++;
            depth++;
            ws();
            if (at(']')) {
                depth--;
                return true;
            }
            do {
                ws();
                if (!value()) {
                    return false;
                }
                ws();
            } while (at(','));
            depth--;
            return at(']');
        }

        private boolean string() {
            if (!at('"')) {
                return false;
            }
            while (pos < text.length) {
                int c = text[pos++] & 0xFF;
                if (c == '"') {
                    return true;
                }
                if (c < 0x20) {
                    return false;
                }
                if (c == '\\') {
                    if (pos >= text.length) {
                        return false;
                    }
                    int e = text[pos++];
                    if (e == 'u') {
                        for (int i = 0; i < 4; i++) {
                            if (pos >= text.length || Character.digit(text[pos++], 16) < 0) {
                                return false;
                            }
                        }
                    } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                        return false;
                    }
                }
            }
            return false;
        }

        private boolean number() {
            at('-');
            if (!at('0')) {
                if (digits() == 0) {
                    return false;
                }
            }
            if (at('.') && digits() == 0) {
                return false;
            }
            if (at('e') || at('E')) {
                if (!at('+')) {
                    at('-');
                }
                return digits() > 0;
            }
            return true;
        }

        private int digits() {
            int start = pos;
            while (pos < text.length && text[pos] >= '0' && text[pos] <= '9') {
                pos++;
            }
            return pos - start;
        }

        private boolean word(String word) {
            for (int i = 0; i < word.length(); i++) {
                if (!at(word.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        private boolean at(char c) {
            if (pos < text.length && text[pos] == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void ws() {
            while (pos < text.length && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n' || text[pos] == '\r')) {
                pos++;
            }
        }
    }
}
