package org.dartboard.run;

import java.time.Duration;

/**
 * The clock of a {@link JournalWriter}: runs its flush and its sync over and over, each at its own
 * interval, until the writer closes. A seam of its own so that the writer's tests move time on by hand
 * rather than sleep; runs use {@link #background()}.
 */
interface JournalTimer {

    /** The timer of real runs: one daemon thread per journal. */
    static JournalTimer background() {
        return new BackgroundJournalTimer();
    }

    /** Runs {@code task} every {@code millis} ms from now on, the first time one interval from now. */
    void every(long millis, Runnable task);

    /**
     * Runs no task from now on, and waits up to {@code patience} for one under way to finish.
     *
     * @return whether no task is running any more; false if one still is after {@code patience}
     */
    boolean stop(Duration patience) throws InterruptedException;
}
