package io.wsconnector.bench;

import io.avaje.jsonb.Json;

/**
 * The messages of the JSON scenario ({@link JsonBench}): a client sends {@link Move}s, about 200 bytes
 * each; the servers also take {@link Join} and {@link Say}, so that dispatching chooses among several types.
 * Every field is written in component order, so a {@code Move} the servers decode and encode again is the
 * client's message byte for byte, which the load generator checks.
 */
final class JsonMessages {
    /** The path of {@link OursJsonEcho}: the generated dispatcher. */
    static final String GENERATED_PATH = "/json";
    /** The path of {@link HandJsonEcho}: the same handler written by hand. */
    static final String BY_HAND_PATH = "/json-hand";

    private JsonMessages() {
    }

    /** A move; {@code id} carries the load generator's connection and sequence number. */
    @Json
    record Move(String id, String type, String player, int x, int y, int z, long tick, boolean running,
                String note) {
    }

    /** A join, never sent by the load generator. */
    @Json
    record Join(String type, String room) {
    }

    /** A chat line, never sent by the load generator. */
    @Json
    record Say(String type, String text) {
    }
}
