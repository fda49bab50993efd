package io.wsconnector.runtime.protocol;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A lock that holds back the completion of stages settled while it is held: the outermost
 * {@link #unlock()} completes them, in order, once the lock is released. What callers chained to an
 * asynchronous send must never run under the sender's lock, where it could send again, wait, or deadlock.
 * (A {@code Condition} wait releases the lock without completing them: they wait for the real release.)
 */
final class SettlingLock extends ReentrantLock {
    private static final long serialVersionUID = 1L;

    /** Created by the first stage settled while the lock is held; guarded by the lock. */
    private transient CompletableFuture<Void>[] stages;
    /** At the same index: {@code null} for completed normally, else the failure. */
    private transient Throwable[] outcomes;
    private transient int size;

    /** To complete {@code stage} normally ({@code outcome} {@code null}) or with {@code outcome}, on release. */
    @SuppressWarnings("unchecked")
    void settle(CompletableFuture<Void> stage, Throwable outcome) {
        if (stage == null) {
            return;
        }
        if (stages == null) {
            stages = new CompletableFuture[2];
            outcomes = new Throwable[2];
        } else if (size == stages.length) {
            stages = Arrays.copyOf(stages, 2 * size);
            outcomes = Arrays.copyOf(outcomes, 2 * size);
        }
        stages[size] = stage;
        outcomes[size] = outcome;
        size++;
    }

    /** {@link #settle} for every stage of {@code list}, if any. */
    void settleAll(List<CompletableFuture<Void>> list, Throwable outcome) {
        if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                settle(list.get(i), outcome);
            }
        }
    }

    /** Releases the lock; the outermost release then completes the stages settled meanwhile. */
    @Override
    public void unlock() {
        CompletableFuture<Void>[] toComplete = null;
        Throwable[] results = null;
        int count = 0;
        if (stages != null && getHoldCount() == 1) {
            toComplete = stages;
            results = outcomes;
            count = size;
            stages = null;
            outcomes = null;
            size = 0;
        }
        super.unlock();
        for (int i = 0; i < count; i++) {
            if (results[i] == null) {
                toComplete[i].complete(null);
            } else {
                toComplete[i].completeExceptionally(results[i]);
            }
        }
    }
}
