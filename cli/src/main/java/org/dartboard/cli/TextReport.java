package org.dartboard.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.dartboard.core.Count;
import org.dartboard.core.Estimate;
import org.dartboard.core.JobPlan;
import org.dartboard.run.RunListener;
import org.dartboard.run.RunOutcome;

/**
 * The report for people: the plan, then π with its error bars, the exact digits and the speed. On a
 * terminal, its long lines are broken between words to its width, rather than by the terminal within them;
 * a number is never broken, nor the command to paste.
 */
final class TextReport implements Report {

    /** Where the plan's broken lines go on: under the text of the line they continue. */
    private static final String CONTINUED = "    ";
    /** Where a figure's broken line goes on: under the figure, past its label's column. */
    private static final String FIGURE_CONTINUED = " ".repeat(27);

    /** The workers' table's columns that a narrow terminal loses. */
    private static final int S_PER_JOB = 4;
    private static final int BUSY = 5;

    private final PrintWriter out;
    private final Report.Context context;
    private final Screen screen;

    TextReport(PrintWriter out, Report.Context context) {
        this(out, context, Screen.PLAIN);
    }

    /** @param screen what standard output shows: its width, and whether its symbols are spelled in ASCII */
    TextReport(PrintWriter out, Report.Context context, Screen screen) {
        this.out = out;
        this.context = context;
        this.screen = screen;
    }

    @Override
    public void started(RunListener.Start start) {
        JobPlan plan = start.plan();
        printWrapped(String.format(Locale.ROOT, "dartboard %s: %s jobs × %s points = %s points", context.version(),
                grouped(plan.jobs()), plan.isUniform() ? grouped(plan.pointsPerJob())
                        : "up to " + grouped(plan.pointsPerJob()), grouped(plan.totalPoints())));
        boolean resumed = start.journal().map(RunOutcome.JournalInfo::resumed).orElse(false);
        String seedSource = resumed ? "from the journal"
                : context.seedGiven() ? "given" : "chosen at random; repeat with --seed " + SeedParser.format(plan.seed());
        printWrapped(String.format(Locale.ROOT, "  seed %s (%s) · %s · window %d · kernel %s (%s)",
                SeedParser.format(plan.seed()), seedSource, start.farm(), start.window(), start.kernel(),
                start.kernelReason()));
        if (plan.darts() == JobPlan.Darts.LATTICE) {
            printWrapped(String.format(Locale.ROOT, "  darts lattice: %d replicas of %s points, each a randomly"
                    + " shifted lattice; the error bar comes from their spread", plan.replicas(),
                    grouped(plan.totalPoints().divide(BigInteger.valueOf(plan.replicas())))));
        }
        if (context.settingsFile() != null) {
            printWrapped("  settings from " + context.settingsFile());
        }
        start.journal().ifPresent(journal -> printJournal(plan, journal, start.countedBefore()));
        out.flush();
    }

    /** Where the journal is, so that even a run killed with kill -9 can be found and resumed. */
    private void printJournal(JobPlan plan, RunOutcome.JournalInfo journal, Count countedBefore) {
        if (!journal.resumed()) {
            printWrapped("  journal " + journal.file() + (journal.deletedWhenComplete()
                    ? " (kept for runs of " + JournalDefaults.THRESHOLD_TEXT + " points or more, deleted once complete;"
                            + " --no-journal for none)" : ""));
            return;
        }
        StringBuilder line = new StringBuilder("  resuming ").append(journal.file()).append(": ")
                .append(grouped(countedBefore.jobs())).append(" of ").append(grouped(plan.jobs()))
                .append(" jobs counted before");
        if (journal.droppedBytes() > 0) {
            line.append("; a cut-off end of ").append(journal.droppedBytes()).append(" bytes was dropped");
        }
        if (!journal.writtenBy().equals(context.version())) {
            line.append(" (journal begun by dartboard ").append(journal.writtenBy()).append(')');
        }
        printWrapped(line.toString());
    }

    private void printWrapped(String line) {
        printWrapped(line, CONTINUED);
    }

    private void printWrapped(String line, String continued) {
        out.println(screen.wrapped(line, continued));
    }

    @Override
    public void finished(RunOutcome outcome, int digits, boolean interrupted) {
        Count count = outcome.count();
        if (!outcome.isComplete()) {
            printWrapped(String.format(Locale.ROOT, "PARTIAL: %s after %s of %s jobs; the figures below use only those.",
                    interrupted ? "interrupted" : outcome.ending().name().toLowerCase(Locale.ROOT),
                    grouped(count.jobs()), grouped(outcome.plan().jobs())));
        }
        if (outcome.estimate().isEmpty()) {
            out.println("No job finished: nothing to estimate.");
        }
        outcome.estimate().ifPresent(estimate -> printEstimate(estimate, digits));
        printFigure("inside / total", grouped(count.inside()) + " / " + grouped(count.points()));
        printFigure("wall time", String.format(Locale.ROOT, "%.3f s · %s points/s", outcome.wallTime().toNanos() / 1e9,
                rate(outcome.pointsPerSecond())));
        if (outcome.retriedJobs() > 0) {
            printFigure("jobs run again", String.valueOf(outcome.retriedJobs()));
        }
        if (outcome.countedBefore().jobs() > 0) {
            printFigure("jobs from the journal", grouped(outcome.countedBefore().jobs()) + " of "
                    + grouped(outcome.plan().jobs()) + "; this run counted " + grouped(outcome.jobsCountedNow()));
        }
        // A journal that held every job: no worker ran, and a table of none says nothing.
        if (!(outcome.isComplete() && outcome.jobsCountedNow() == 0)) {
            printWorkers(outcome.workers(), outcome.wallTime());
        }
        if (outcome.journal().isPresent() && !outcome.isComplete()) {
            out.println();
            out.println("Resume with: " + context.resumeCommand().apply(outcome.journal().get().file()));
        }
        out.flush();
    }

    /**
     * The original's print_status: what each worker did, then the speedup over one worker. The address says
     * which machine a node is, which its name (an Ignite identity) does not.
     */
    void printWorkers(List<RunOutcome.WorkerRow> rows, Duration wallTime) {
        // The names and addresses as wide as the widest, so that the table of local threads fits 80 columns.
        int nameWidth = Math.max("worker".length(), rows.stream().mapToInt(row -> row.worker().name().length())
                .max().orElse(0));
        int addressWidth = Math.max("address".length(),
                rows.stream().mapToInt(row -> row.worker().address().length()).max().orElse(0));
        List<String> header = List.of("worker", "address", "cpus", "jobs", "s/job", "busy s", "points/s", "state");
        List<List<String>> cells = rows.stream().map(row -> List.of(row.worker().name(), row.worker().address(),
                String.valueOf(row.worker().cpus()), grouped(row.jobs()),
                String.format(Locale.ROOT, "%.4f", row.secondsPerJob()),
                String.format(Locale.ROOT, "%.2f", row.busyNanos() / 1e9), rate(row.pointsPerSecond()), state(row)))
                .toList();
        String[] widths = {"-" + nameWidth, "-" + addressWidth, "4", "9", "8", "8", "9", ""};
        // A terminal too narrow for the table loses the columns that the others imply: seconds per job (busy
        // time over jobs), then the busy time (jobs over the points/s).
        List<Set<Integer>> narrower = List.of(Set.of(), Set.of(S_PER_JOB), Set.of(S_PER_JOB, BUSY));
        Set<Integer> dropped = narrower.get(narrower.size() - 1);
        for (Set<Integer> candidate : narrower) {
            int width = Stream.concat(Stream.of(header), cells.stream())
                    .mapToInt(line -> tableLine(line, widths, candidate).length()).max().orElse(0);
            if (screen.columns() == 0 || width <= screen.columns()) {
                dropped = candidate;
                break;
            }
        }
        out.println();
        out.println(tableLine(header, widths, dropped));
        for (List<String> line : cells) {
            out.println(tableLine(line, widths, dropped));
        }
        double wall = wallTime.toNanos() / 1e9;
        double busy = rows.stream().mapToLong(RunOutcome.WorkerRow::busyNanos).sum() / 1e9;
        printWrapped(String.format(Locale.ROOT, "  %-" + nameWidth + "s wall %.3f s, busy %.2f s: speedup %.2f× over"
                + " one worker", "total", wall, busy, wall > 0 ? busy / wall : 0), " ".repeat(nameWidth + 3));
    }

    /** A line of the workers' table: its cells padded to their widths, but the dropped columns. */
    private static String tableLine(List<String> cells, String[] widths, Set<Integer> dropped) {
        StringBuilder line = new StringBuilder(" ");
        for (int column = 0; column < cells.size(); column++) {
            if (dropped.contains(column)) {
                continue;
            }
            // Two spaces before the state, which is words, not a figure.
            line.append(column == cells.size() - 1 ? "  " : " ");
            line.append(widths[column].isEmpty() ? cells.get(column)
                    : String.format(Locale.ROOT, "%" + widths[column] + "s", cells.get(column)));
        }
        return line.toString();
    }

    /** A node restarted in mid-run is up at the end, but a reader checking for losses must see it was lost. */
    static String state(RunOutcome.WorkerRow row) {
        if (row.worker().lost()) {
            return "lost";
        }
        return row.lostDuringRun() ? "up (lost during the run, then back)" : "up";
    }

    private void printEstimate(Estimate estimate, int digits) {
        int shown = estimate.meaningfulDecimals() + 2;
        boolean replicas = estimate.errorBar() == Estimate.ErrorBar.REPLICAS;
        printWrapped(String.format(Locale.ROOT, "π ≈ %s ± %s (one standard error%s)", fixed(estimate.pi(), shown),
                significant(estimate.standardError()),
                replicas ? ", from the spread of " + (estimate.degreesOfFreedom() + 1) + " replicas" : ""), CONTINUED);
        printFigure("95% confidence interval", fixed(estimate.ciLow(), shown) + " … " + fixed(estimate.ciHigh(), shown)
                + (replicas ? String.format(Locale.ROOT, " (Student's t, %d degree%s of freedom: ± %.3g standard errors)",
                        estimate.degreesOfFreedom(), estimate.degreesOfFreedom() == 1 ? "" : "s",
                        estimate.criticalValue()) : ""));
        printFigure("meaningful digits", String.format(Locale.ROOT, "%s (%d decimals; later digits are noise)",
                estimate.meaningfulValue().toPlainString(), estimate.meaningfulDecimals()));
        BigDecimal exact = estimate.exactDigits(digits);
        // A number is not broken: a terminal's copy and paste must give it whole.
        out.printf(Locale.ROOT, "  %-24s %s%n", label("exact 4·inside/total"), exact.toPlainString());
        printFigure("", estimate.isExactWithin(digits)
                ? "(the whole exact value)" : "(first " + digits + " significant digits, cut, not rounded)");
        printFigure("distance to true π", String.format(Locale.ROOT, "%s, %.2f standard errors",
                significant(Math.abs(estimate.pi() - Math.PI)), Math.abs(estimate.zScore())));
    }

    /** A figure's line: its label, padded as shown, then the figure, which goes on under itself if broken. */
    private void printFigure(String label, String figure) {
        printWrapped(String.format(Locale.ROOT, "  %-24s %s", label(label), figure), FIGURE_CONTINUED);
    }

    /** A label as shown, so that its column is padded to the width it has there. */
    private String label(String label) {
        return screen.shown(label);
    }

    private static String fixed(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String significant(double value) {
        return String.format(Locale.ROOT, "%.2g", value);
    }

    static String grouped(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String grouped(BigInteger value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** A rate with an SI prefix, e.g. {@code 612.3 M}. */
    static String rate(double perSecond) {
        String[] prefixes = {"", "k", "M", "G", "T"};
        int index = 0;
        double value = perSecond;
        while (value >= 1000 && index < prefixes.length - 1) {
            value /= 1000;
            index++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, prefixes[index]).strip();
    }
}
