package io.wsconnector.runtime.deflate;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;

/**
 * Stand-ins for the five files Autobahn's compression cases slice their messages from (sections 12.1 to
 * 12.5): JSON and HTML (text), a bitmap, German text and a PDF (binary), generated from a fixed seed so
 * that every run sends the same bytes. Text corpora are ASCII, so any slice is valid UTF-8.
 */
public enum Corpus {
    /** Large JSON, sent as text (12.1, and all of section 13). */
    JSON(true),
    /** A bitmap: long runs with noise (12.2). */
    BITMAP(false),
    /** German prose in UTF-8, sent as binary (12.3). */
    GERMAN(false),
    /** Large HTML, sent as text (12.4). */
    HTML(true),
    /** A PDF: mostly compressed streams, barely compressible (12.5). */
    PDF(false);

    private static final int SIZE = 512 * 1024;

    private final boolean text;
    private byte[] bytes;

    Corpus(boolean text) {
        this.text = text;
    }

    /** @return whether its messages go as text */
    public boolean isText() {
        return text;
    }

    /**
     * The {@code index}-th message of this size: consecutive slices of the corpus, wrapping around.
     *
     * @return a new array
     */
    public byte[] message(int index, int size) {
        byte[] all = bytes();
        int start = (int) (((long) index * size) % (all.length - size));
        return Arrays.copyOfRange(all, start, start + size);
    }

    private synchronized byte[] bytes() {
        if (bytes == null) {
            bytes = generate(new Random(1234 + ordinal()));
        }
        return bytes;
    }

    private byte[] generate(Random random) {
        return switch (this) {
            case JSON -> repeat(random, r -> "{\"id\":" + r.nextInt(1_000_000) + ",\"user\":\""
                    + pick(r, "alice", "bob", "carol", "dave", "erin") + "\",\"type\":\""
                    + pick(r, "trade", "quote", "cancel") + "\",\"price\":" + r.nextInt(100_000) / 100.0
                    + ",\"tags\":[\"" + pick(r, "a", "b", "c") + "\"],\"ok\":" + r.nextBoolean() + "},\n");
            case HTML -> repeat(random, r -> "<tr class=\"row" + r.nextInt(3) + "\"><td><a href=\"/items/"
                    + r.nextInt(100_000) + "\">Item " + r.nextInt(1000) + "</a></td><td>"
                    + pick(r, "in stock", "sold out", "back soon") + "</td></tr>\n");
            case GERMAN -> repeat(random, r -> pick(r, "Größe", "Übermäßig", "schön", "Straße", "früher",
                    "Bücher", "während", "natürlich", "Mädchen", "heißt") + " "
                    + pick(r, "ist", "war", "wird", "hätte") + " " + pick(r, "der", "die", "das") + ". ");
            case BITMAP -> {
                byte[] pixels = new byte[SIZE];
                for (int i = 0; i < SIZE; ) {
                    byte color = (byte) random.nextInt(8);
                    int run = 1 + random.nextInt(200);
                    for (int k = 0; k < run && i < SIZE; k++) {
                        pixels[i++] = random.nextInt(20) == 0 ? (byte) random.nextInt(256) : color;
                    }
                }
                yield pixels;
            }
            case PDF -> {
                byte[] pdf = new byte[SIZE];
                random.nextBytes(pdf);
                byte[] header = "%PDF-1.7\n1 0 obj << /Length 4096 /Filter /FlateDecode >> stream\n"
                        .getBytes(StandardCharsets.US_ASCII);
                for (int at = 0; at + header.length < SIZE; at += 4096) {
                    System.arraycopy(header, 0, pdf, at, header.length);
                }
                yield pdf;
            }
        };
    }

    private static byte[] repeat(Random random, Function<Random, String> piece) {
        StringBuilder text = new StringBuilder(SIZE + 256);
        while (text.length() < SIZE) {
            text.append(piece.apply(random));
        }
        byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(utf8, Math.max(SIZE, utf8.length));
    }

    private static String pick(Random random, String... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
