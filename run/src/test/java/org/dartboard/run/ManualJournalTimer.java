package org.dartboard.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A {@link JournalTimer} whose time moves only when a test says so: {@link #advance} runs, on the test's
 * own thread, every task that falls due on the way, so a test sees exactly what a journal does at each
 * interval without sleeping.
 */
final class ManualJournalTimer implements JournalTimer {

    /** One repeating task and when it is next due, in this timer's milliseconds. */
    private static final class Repeating {
        final long every;
        final Runnable task;
        long due;

        Repeating(long every, Runnable task, long due) {
            this.every = every;
            this.task = task;
            this.due = due;
        }
    }

    private final List<Repeating> tasks = new ArrayList<>();
    private long now;
    private boolean stopped;
    private boolean underWayAtStop;

    /**
     * Makes {@link #stop} run every task once before it returns, as if each were under way when stop was
     * called: what the writer closes must still be open for them.
     */
    ManualJournalTimer withTasksUnderWayAtStop() {
        underWayAtStop = true;
        return this;
    }

    @Override
    public void every(long millis, Runnable task) {
        if (millis <= 0) {
            throw new IllegalArgumentException("an interval must be positive, got " + millis);
        }
        tasks.add(new Repeating(millis, task, now + millis));
    }

    /**
     * Moves time on by {@code millis}, running each task every time it falls due on the way, earliest first;
     * tasks due at the same moment run in the order they were given. A stopped timer runs nothing.
     */
    void advance(long millis) {
        long until = now + millis;
        while (!stopped) {
            Repeating next = tasks.stream().min(Comparator.comparingLong(repeating -> repeating.due)).orElse(null);
            if (next == null || next.due > until) {
                break;
            }
            now = next.due;
            next.due += next.every;
            next.task.run();
        }
        now = until;
    }

    @Override
    public boolean stop(Duration patience) {
        if (underWayAtStop && !stopped) {
            tasks.forEach(repeating -> repeating.task.run());
        }
        stopped = true;
        return true;
    }

    boolean isStopped() {
        return stopped;
    }
}
