package io.wsconnector.bench;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * JSON-like text for scenario 9: an array of records with repeated keys, words from a small vocabulary and
 * numbers, which deflate compresses about as much as an application's JSON messages (3-5×), unlike the random
 * ASCII of the other scenarios (barely compressible). Cut to the payload's size, so not always valid JSON; the
 * load generator overwrites the first 16 bytes with its connection and sequence digits anyway.
 */
final class JsonLike {
    private static final String[] WORDS = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf",
            "hotel", "india", "juliet", "kilo", "lima", "mike", "november", "oscar", "papa"};
    private static final String[] STATES = {"open", "pending", "closed", "archived"};

    private JsonLike() {
    }

    /** Fills {@code payload} with JSON-like text drawn from {@code random}. */
    static void fill(byte[] payload, Random random) {
        StringBuilder s = new StringBuilder("{\"type\":\"update\",\"items\":[");
        int item = 0;
        while (s.length() < payload.length) {
            if (item > 0) {
                s.append(',');
            }
            s.append("{\"id\":").append(100000 + random.nextInt(900000))
                    .append(",\"name\":\"").append(WORDS[random.nextInt(WORDS.length)]).append(' ')
                    .append(WORDS[random.nextInt(WORDS.length)])
                    .append("\",\"state\":\"").append(STATES[random.nextInt(STATES.length)])
                    .append("\",\"price\":").append(random.nextInt(10000) / 100.0)
                    .append(",\"quantity\":").append(random.nextInt(50))
                    .append(",\"tags\":[\"").append(WORDS[random.nextInt(WORDS.length)]).append("\",\"")
                    .append(WORDS[random.nextInt(WORDS.length)]).append("\"]}");
            item++;
        }
        s.append("]}");
        byte[] text = s.toString().getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, payload, 0, payload.length);
    }
}
