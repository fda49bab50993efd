package io.wsconnector.testsupport;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for what other threads do (a server's callbacks, a registry emptying) by checking a condition every
 * {@value #POLL_MILLIS} ms. A wait that times out fails with an {@link AssertionError} naming what was awaited;
 * give a description that also says what there is instead (e.g. the events so far), evaluated only then.
 */
public final class Await {
    /**
     * How long a wait of these helpers lasts unless a test says otherwise: long, because a loaded 2-core
     * machine can delay any thread by seconds, and a wait ends as soon as its condition holds.
     */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** How often a condition is checked, in milliseconds. */
    static final long POLL_MILLIS = 10;

    private Await() {
    }

    /** Waits at most {@code timeout} until {@code condition} holds; fails naming {@code awaited} otherwise. */
    public static void until(String awaited, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        until(() -> awaited, timeout, condition);
    }

    /**
     * Waits at most {@code timeout} until {@code condition} holds; fails otherwise, with {@code awaited}
     * evaluated at that moment (so that it can say what there is instead).
     */
    public static void until(Supplier<String> awaited, Duration timeout, BooleanSupplier condition)
            throws InterruptedException {
        untilPresent(awaited, timeout, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /**
     * Waits at most {@code timeout} until {@code value} supplies something, and returns it; fails otherwise, with
     * {@code awaited} evaluated at that moment.
     */
    public static <T> T untilPresent(Supplier<String> awaited, Duration timeout, Supplier<Optional<T>> value)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> found = value.get();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("awaited " + awaited.get() + ": not within " + describe(timeout));
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /**
     * Whether {@code condition} holds throughout {@code period}: {@code false} as soon as one check finds it
     * does not, {@code true} once the period has passed with every check passing.
     */
    public static boolean holdsFor(Duration period, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + period.toNanos();
        while (condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return true;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return false;
    }

    /** {@code "10 s"}, or {@code "1500 ms"} for what is not whole seconds. */
    static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? TimeUnit.MILLISECONDS.toSeconds(millis) + " s" : millis + " ms";
    }
}
