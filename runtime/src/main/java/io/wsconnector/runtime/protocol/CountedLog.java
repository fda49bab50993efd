package io.wsconnector.runtime.protocol;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Logs what hostile or careless clients make the server do, without letting them write the log: each
 * {@link Event} is logged at once the first time it happens after a quiet interval, then counted, and
 * each interval that had more of it ends with one line saying how many. An attack that repeats an event
 * thousands of times a second costs a line per {@value #INTERVAL_SECONDS} seconds, and no stack trace.
 */
public final class CountedLog implements ServerClock.Watch {
    /** How often the counts are reported. */
    static final long INTERVAL_SECONDS = 60;

    private static final System.Logger LOGGER = System.getLogger(CountedLog.class.getName());

    /** What is counted, with the level it is logged at and what a summary line says of it. */
    public enum Event {
        /** A connection did not send a complete request within the handshake timeout, and was closed. */
        HANDSHAKE_TIMEOUT(Level.INFO,
                "Connections closed for not completing their request within the handshake timeout"),
        /** A client closed its connection in the middle of its request. */
        HANDSHAKE_ABANDONED(Level.INFO, "Connections closed by their client in the middle of a request"),
        /** The server held as many connections as its cap: it stopped accepting for a while. */
        CONNECTION_CAP(Level.WARNING, "Times the connection cap was reached (new connections waited to be accepted)"),
        /** A message would have passed the server-wide limit of buffered inbound bytes: closed with 1013. */
        INBOUND_LIMIT(Level.WARNING, "Connections closed with 1013: the inbound buffer limit was reached"),
        /** A message was not completed within the message timeout: closed with 1008. */
        MESSAGE_TIMEOUT(Level.INFO,
                "Connections closed with 1008 for not completing a message within the message timeout"),
        /** A session whose client reads too slowly was closed with 1008. */
        SLOW_CONSUMER(Level.WARNING, "Sessions closed with 1008 because their clients read too slowly"),
        /** A session whose client reads too slowly began to lose messages (a drop policy). */
        DROPPING(Level.WARNING, "Sessions began to drop messages because their clients read too slowly"),
        /** An idle timeout ended a connection whose client had stopped reading too. */
        STALLED_CLIENT(Level.INFO, "Connections closed by their idle timeout while a write to them was stalled"),
        /** Helidon's listener stopped by itself (e.g. for want of descriptors), and was started again. */
        LISTENER_STOPPED(Level.ERROR, "Times Helidon's listener stopped by itself and was started again"),
        /** A connection ran out of memory: closed with 1013. */
        OUT_OF_MEMORY(Level.ERROR, "Connections closed with 1013 after running out of memory");

        private final Level level;
        private final String summary;

        Event(Level level, String summary) {
            this.level = level;
            this.summary = summary;
        }
    }

    private final Map<Event, Counter> counters = new EnumMap<>(Event.class);
    private final BiConsumer<Level, String> sink;
    private final long intervalNanos;
    private final long intervalSeconds;
    private long intervalStart = System.nanoTime();

    /** A log whose counts are reported every {@value #INTERVAL_SECONDS} seconds. */
    public CountedLog() {
        this(Duration.ofSeconds(INTERVAL_SECONDS), LOGGER::log);
    }

    /**
     * @param interval how often the counts are reported
     * @param sink     where the lines go
     */
    CountedLog(Duration interval, BiConsumer<Level, String> sink) {
        this.sink = sink;
        this.intervalNanos = interval.toNanos();
        this.intervalSeconds = interval.toSeconds();
        for (Event event : Event.values()) {
            counters.put(event, new Counter());
        }
    }

    /**
     * Counts an event; logs {@code detail} if it is the first after a quiet interval.
     *
     * @param detail what happened this time, e.g. which session; asked for only if it is logged
     */
    public void count(Event event, Supplier<String> detail) {
        Counter counter = counters.get(event);
        counter.count.increment();
        if (counter.quiet.get() && counter.quiet.compareAndSet(true, false)) {
            counter.announced = true;
            sink.accept(event.level, detail.get() + " (from now on such events are counted and reported every "
                    + intervalSeconds + " s)");
        }
    }

    /**
     * The clock's tick: reports the counts if an interval has passed, one line for each event that happened
     * more than the once that was logged at once.
     */
    @Override
    public void check(long now) {
        if (now - intervalStart < intervalNanos) {
            return;
        }
        intervalStart = now;
        for (Map.Entry<Event, Counter> entry : counters.entrySet()) {
            Counter counter = entry.getValue();
            long count = counter.count.sumThenReset();
            boolean announced = counter.announced;
            counter.announced = false;
            if (count == 0) {
                counter.quiet.set(true);
            } else if (count > 1 || !announced) {
                Event event = entry.getKey();
                sink.accept(event.level, event.summary + ": " + count + " in the last " + intervalSeconds + " s");
            }
        }
    }

    /** The count of one event in the current interval. */
    private static final class Counter {
        private final LongAdder count = new LongAdder();
        /** Whether the last interval had none of it: the next one is logged at once. */
        private final AtomicBoolean quiet = new AtomicBoolean(true);
        /** Whether one was logged at once in the current interval; read and reset by the reporting thread. */
        private volatile boolean announced;
    }
}
