package io.wsconnector.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToIntFunction;

import io.avaje.json.JsonAdapter;
import io.avaje.json.JsonReader;
import io.avaje.jsonb.JsonType;
import io.avaje.jsonb.Jsonb;
import io.wsconnector.bench.JsonMessages.Move;
import io.wsconnector.json.avaje.AvajeJsonCodec;
import io.wsconnector.json.avaje.JsonDispatchKey;

/**
 * The JSON scenario's work on one message alone, in one JVM and one thread, without sockets, in thread
 * CPU time per message: where {@link JsonBench}'s difference between the two servers comes from. From the
 * message's bytes as the runtime has them to the reply's bytes as it sends them:
 * <ul>
 * <li><b>generated</b>: what {@code OursJsonEcho}'s dispatcher does: the bytes copied out of the frame
 * buffer, the key read while the JSON is checked (RFC 8259), the decode through the key, the reply's
 * UTF-8 from the codec;</li>
 * <li><b>by hand</b>: what {@link HandJsonEcho} does, with the {@code String} the runtime makes of the
 * message and the UTF-8 it makes of the reply;</li>
 * <li><b>generated without the check</b>: the generated path with the key read by avaje-jsonb's reader
 * instead, so that nothing checks the JSON beyond what avaje-jsonb does: what the check costs.</li>
 * </ul>
 *
 * <p>{@code java -cp bench/target/wsconnector-bench.jar io.wsconnector.bench.JsonWork [samples]}
 */
public final class JsonWork {
    private static final int MESSAGES_PER_SAMPLE = 1_000_000;
    private static final Jsonb JSONB = Jsonb.instance();
    private static final JsonDispatchKey KEY = JsonDispatchKey.named("type");
    private static final AvajeJsonCodec<Move> MOVE = AvajeJsonCodec.of(Move.class);
    private static final JsonType<Move> MOVE_TYPE = JSONB.type(Move.class);
    private static final JsonAdapter<Move> MOVE_ADAPTER = JSONB.adapter(Move.class);
    private static final HandJsonEcho BY_HAND = new HandJsonEcho();

    private JsonWork() {
    }

    /**
     * Prints the median CPU time per message of each variant.
     *
     * @param args the number of samples (default 10; the first two are warm-up)
     */
    public static void main(String[] args) {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        byte[] message = LoadGenerator.jsonTemplate(new Random(1), JsonBench.PAYLOAD);
        byte[] frame = Arrays.copyOf(message, 4096); // the runtime's message buffer, larger than the message
        int length = message.length;
        Map<String, ToIntFunction<byte[]>> variants = new LinkedHashMap<>();
        variants.put("generated", buffer -> generated(Arrays.copyOf(buffer, length)));
        variants.put("by hand", buffer -> byHand(new String(buffer, 0, length, StandardCharsets.UTF_8)));
        variants.put("generated without the check", buffer -> withoutCheck(Arrays.copyOf(buffer, length)));
        for (ToIntFunction<byte[]> variant : variants.values()) {
            if (variant.applyAsInt(frame) != length) {
                throw new BenchException("a variant's reply is not the message again");
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, List<Double>> nanos = new LinkedHashMap<>();
        long sink = 0;
        for (int sample = 0; sample < samples; sample++) {
            for (Map.Entry<String, ToIntFunction<byte[]>> variant : variants.entrySet()) {
                ToIntFunction<byte[]> work = variant.getValue();
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < MESSAGES_PER_SAMPLE; i++) {
                    sink += work.applyAsInt(frame);
                }
                long spent = threads.getCurrentThreadCpuTime() - start;
                if (sample >= 2) {
                    nanos.computeIfAbsent(variant.getKey(), key -> new ArrayList<>())
                            .add(spent / (double) MESSAGES_PER_SAMPLE);
                }
            }
        }
        System.out.printf("%d-byte Move, median of %d samples of %,d messages (thread CPU time per message)%n",
                length, samples - 2, MESSAGES_PER_SAMPLE);
        nanos.forEach((variant, values) -> System.out.printf("%-28s %6.0f ns%n", variant, median(values)));
        System.out.println(sink == 0 ? "" : "(" + sink + ")");
    }

    private static int generated(byte[] message) {
        String key = KEY.read(message);
        if (!key.equals("move")) {
            throw new BenchException("not a move: " + key);
        }
        return MOVE.encodeUtf8(KEY.decode(MOVE, message)).length;
    }

    private static int byHand(String message) {
        return BY_HAND.echo(message).getBytes(StandardCharsets.UTF_8).length;
    }

    private static int withoutCheck(byte[] message) {
        String key = HandJsonEcho.type(JSONB.reader(message));
        if (!key.equals("move")) {
            throw new BenchException("not a move: " + key);
        }
        Move move;
        try (JsonReader reader = JSONB.reader(message)) {
            move = MOVE_ADAPTER.fromJson(reader);
        }
        return MOVE_TYPE.toJsonBytes(move).length;
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }
}
