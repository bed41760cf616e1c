package org.dartboard.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;
import org.dartboard.core.Count;
import org.dartboard.core.Estimate;
import org.dartboard.core.JobPlan;
import org.dartboard.core.JobResult;
import org.dartboard.run.RunListener;
import org.dartboard.run.RunOutcome;

/**
 * A one-line progress bar for long runs on a terminal: jobs done, speed, the estimate so far with its
 * standard error, elapsed time and time left. It redraws in place on standard error, at most
 * {@value #REDRAWS_PER_SECOND} times a second, appears only once a run has gone on for a second, and
 * erases itself at the end, so the report that follows reads as if it had never been there.
 */
final class ProgressBar implements RunListener {

    static final int REDRAWS_PER_SECOND = 5;
    private static final long REDRAW_NANOS = 1_000_000_000L / REDRAWS_PER_SECOND;
    private static final long QUIET_START_NANOS = 1_000_000_000L;
    private static final int BAR_WIDTH = 24;

    private final PrintWriter terminal;
    private final LongSupplier nanoClock;
    private long startedAt;
    private long lastDrawnAt;
    private long jobs;
    /** What a resumed run found counted already: not this run's work, so not in its speed or time left. */
    private Count countedBefore = Count.NONE;
    private int drawnWidth;

    /**
     * @param terminal where to draw: a terminal's standard error
     * @param nanoClock {@code System::nanoTime}, or a test's clock
     */
    ProgressBar(PrintWriter terminal, LongSupplier nanoClock) {
        this.terminal = terminal;
        this.nanoClock = nanoClock;
    }

    @Override
    public void started(Start start) {
        started(start.plan());
    }

    /** Starts the clock of a run of this plan. */
    void started(JobPlan plan) {
        jobs = plan.jobs();
        startedAt = nanoClock.getAsLong();
        lastDrawnAt = startedAt;
    }

    @Override
    public void resumed(Count before, LongPredicate countedBeforeJob) {
        countedBefore = before;
    }

    @Override
    public void jobCounted(JobResult result, Count count) {
        long now = nanoClock.getAsLong();
        if (now - startedAt < QUIET_START_NANOS || now - lastDrawnAt < REDRAW_NANOS) {
            return;
        }
        lastDrawnAt = now;
        draw(line(count, now - startedAt));
    }

    @Override
    public void finished(RunOutcome outcome) {
        if (drawnWidth > 0) {
            terminal.print("\r" + " ".repeat(drawnWidth) + "\r");
            terminal.flush();
            drawnWidth = 0;
        }
    }

    /** The bar's text for a count after so many nanoseconds. */
    String line(Count count, long elapsedNanos) {
        double done = jobs == 0 ? 1 : (double) count.jobs() / jobs;
        int filled = (int) Math.round(done * BAR_WIDTH);
        double seconds = elapsedNanos / 1e9;
        double pointsNow = count.points().subtract(countedBefore.points()).doubleValue();
        StringBuilder line = new StringBuilder()
                .append('[').append("#".repeat(filled)).append("-".repeat(BAR_WIDTH - filled)).append("] ")
                .append(TextReport.grouped(count.jobs())).append('/').append(TextReport.grouped(jobs)).append(" jobs · ")
                .append(TextReport.rate(seconds > 0 ? pointsNow / seconds : 0)).append(" points/s");
        if (!count.isEmpty()) {
            Estimate estimate = Estimate.of(count);
            int decimals = estimate.meaningfulDecimals() + 1;
            line.append(String.format(Locale.ROOT, " · π ≈ %." + decimals + "f ± %.1g", estimate.pi(),
                    estimate.standardError()));
        }
        line.append(" · ").append(clock(seconds));
        long jobsNow = count.jobs() - countedBefore.jobs();
        if (jobsNow > 0 && done < 1) {
            line.append(", ").append(clock(seconds * (jobs - count.jobs()) / jobsNow)).append(" left");
        }
        return line.toString();
    }

    private void draw(String line) {
        String padding = drawnWidth > line.length() ? " ".repeat(drawnWidth - line.length()) : "";
        terminal.print("\r" + line + padding);
        terminal.flush();
        drawnWidth = line.length();
    }

    private static String clock(double seconds) {
        long whole = Math.round(seconds);
        return whole >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", whole / 3600, whole / 60 % 60, whole % 60)
                : String.format(Locale.ROOT, "%d:%02d", whole / 60, whole % 60);
    }
}
