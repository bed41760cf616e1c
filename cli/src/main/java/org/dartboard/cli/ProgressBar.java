package org.dartboard.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
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
 *
 * <p>Every line fits the terminal's width (one column short of it), since a line that wraps cannot be
 * redrawn in place and each redraw would scroll: a narrow terminal gets a shorter bar, then fewer fields.
 */
final class ProgressBar implements RunListener {

    static final int REDRAWS_PER_SECOND = 5;
    private static final long REDRAW_NANOS = 1_000_000_000L / REDRAWS_PER_SECOND;
    private static final long QUIET_START_NANOS = 1_000_000_000L;
    private static final int BAR_WIDTH = 24;
    /** A bar narrower than this says little; the fields it makes room for say more. */
    private static final int NARROWEST_BAR = 8;

    private final PrintWriter terminal;
    private final Screen screen;
    private final int columns;
    private final LongSupplier nanoClock;
    private long startedAt;
    private long lastDrawnAt;
    private long jobs;
    /** What a resumed run found counted already: not this run's work, so not in its speed or time left. */
    private Count countedBefore = Count.NONE;
    private int drawnWidth;

    /**
     * @param terminal where to draw: a terminal's standard error
     * @param screen what that terminal shows: its symbols are spelled as it needs
     * @param columns the widest line the bar may draw
     * @param nanoClock {@code System::nanoTime}, or a test's clock
     */
    ProgressBar(PrintWriter terminal, Screen screen, int columns, LongSupplier nanoClock) {
        this.terminal = terminal;
        this.screen = screen;
        this.columns = columns;
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

    /**
     * The bar's text for a count after so many nanoseconds, as wide as the terminal allows: every field
     * with a full bar when it fits, else a shorter bar, then without the speed, the elapsed time, the bar
     * and the error bar, in that order.
     */
    String line(Count count, long elapsedNanos) {
        double done = jobs == 0 ? 1 : (double) count.jobs() / jobs;
        double seconds = elapsedNanos / 1e9;
        double pointsNow = count.points().subtract(countedBefore.points()).doubleValue();
        String progress = TextReport.grouped(count.jobs()) + '/' + TextReport.grouped(jobs) + " jobs";
        String speed = TextReport.rate(seconds > 0 ? pointsNow / seconds : 0) + " points/s";
        String estimate = null;
        String roughEstimate = null;
        if (!count.isEmpty()) {
            Estimate soFar = Estimate.of(count);
            String pi = String.format(Locale.ROOT, "π ≈ %." + (soFar.meaningfulDecimals() + 1) + "f", soFar.pi());
            estimate = pi + String.format(Locale.ROOT, " ± %.1g", soFar.standardError());
            roughEstimate = pi;
        }
        long jobsNow = count.jobs() - countedBefore.jobs();
        String left = jobsNow > 0 && done < 1 ? clock(seconds * (jobs - count.jobs()) / jobsNow) + " left" : null;
        String time = clock(seconds) + (left != null ? ", " + left : "");
        String lastTime = left != null ? left : clock(seconds);

        List<String> shorter = List.of(
                fields(progress, speed, estimate, time),
                fields(progress, estimate, time),
                fields(progress, estimate, lastTime),
                fields(progress, roughEstimate, lastTime),
                fields(progress, roughEstimate));
        for (String fields : shorter) {
            int barWidth = Math.min(BAR_WIDTH, columns - fields.length() - "[] ".length());
            if (barWidth >= NARROWEST_BAR) {
                int filled = (int) Math.round(done * barWidth);
                return "[" + "#".repeat(filled) + "-".repeat(barWidth - filled) + "] " + fields;
            }
        }
        for (String fields : shorter) {
            if (fields.length() <= columns) {
                return fields;
            }
        }
        return progress.length() <= columns ? progress : progress.substring(0, Math.max(columns, 0));
    }

    /** The fields there are, parted by dots, as the screen shows them. */
    private String fields(String... fields) {
        return screen.shown(Arrays.stream(fields).filter(Objects::nonNull).collect(Collectors.joining(" · ")));
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
