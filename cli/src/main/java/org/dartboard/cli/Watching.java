package org.dartboard.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import org.dartboard.core.Estimate;
import org.dartboard.core.JobPlan;
import org.dartboard.plot.RunPlot;
import org.dartboard.run.ConvergenceHistory;
import org.dartboard.run.DartSample;
import org.dartboard.run.RunListener;
import org.dartboard.run.RunOutcome;
import org.dartboard.run.WorkerStatistics;
import org.dartboard.web.Dashboard;
import org.dartboard.web.DashboardFeed;

/**
 * The pictures of a run that a user asked for: the live dashboard ({@code --monitor}) and the plot file
 * at the end ({@code --plot}). Both draw the same convergence history and dart sample, which are kept only
 * when one of them is wanted.
 */
final class Watching implements AutoCloseable {

    private final ConvergenceHistory history;
    private final DartSample darts;
    private final DashboardFeed feed;
    private final Dashboard dashboard;
    private final Path plotFile;

    private Watching(ConvergenceHistory history, DartSample darts, DashboardFeed feed, Dashboard dashboard,
            Path plotFile) {
        this.history = history;
        this.darts = darts;
        this.feed = feed;
        this.dashboard = dashboard;
        this.plotFile = plotFile;
    }

    /**
     * Starts the dashboard when a port is given, and prepares for the plot when a file is.
     *
     * @param monitorPort the dashboard's port, 0 for any free one, null for no dashboard
     * @param monitorBind the dashboard's address
     * @param plotFile where to write the plot at the end, null for none
     * @param statistics the run's per-worker totals, for the dashboard's node table
     * @throws UncheckedIOException when the dashboard's address cannot be bound
     */
    static Watching start(Integer monitorPort, String monitorBind, Path plotFile, WorkerStatistics statistics) {
        if (monitorPort == null && plotFile == null) {
            return new Watching(null, null, null, null, null);
        }
        ConvergenceHistory history = new ConvergenceHistory();
        DartSample darts = new DartSample();
        DashboardFeed feed = null;
        Dashboard dashboard = null;
        if (monitorPort != null) {
            feed = new DashboardFeed(history, darts, statistics, System::nanoTime);
            dashboard = Dashboard.start(monitorBind, monitorPort, feed);
        }
        return new Watching(history, darts, feed, dashboard, plotFile);
    }

    /** Where the dashboard is, when there is one. */
    String dashboardUrl() {
        return dashboard != null ? dashboard.url() : null;
    }

    /** What must hear the run's events. */
    List<RunListener> listeners() {
        List<RunListener> listeners = new ArrayList<>();
        if (history != null) {
            listeners.add(history);
            listeners.add(darts);
        }
        if (feed != null) {
            listeners.add(feed);
        }
        return listeners;
    }

    /**
     * Writes the plot file, when one was asked for.
     *
     * @return false when it was asked for and could not be written (the reason is on {@code err})
     */
    boolean writePlot(RunOutcome outcome, PrintWriter err) {
        if (plotFile == null) {
            return true;
        }
        if (outcome.estimate().isEmpty()) {
            err.println("dartboard run: no job was counted, so no plot was written to " + plotFile);
            return true;
        }
        try {
            new RunPlot(title(outcome.plan(), outcome.estimate().get()), history.samples(), darts.darts())
                    .write(plotFile);
            return true;
        } catch (IOException | RuntimeException unwritable) {
            err.println("dartboard run: cannot write the plot " + plotFile + ": "
                    + (unwritable.getMessage() != null ? unwritable.getMessage() : unwritable.toString()));
            return false;
        }
    }

    /**
     * With {@code --monitor-keep}: says where the dashboard is and serves it until Ctrl-C or SIGTERM, which
     * then end the program as they always do.
     */
    void keepServingUntilSignal(PrintWriter err) throws InterruptedException {
        if (dashboard == null) {
            return;
        }
        CountDownLatch signalled = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dashboard.close();
            signalled.countDown();
        }, "dartboard-dashboard-stop"));
        err.println("dartboard run: the run is over; the dashboard stays at " + dashboard.url()
                + " until Ctrl-C");
        err.flush();
        signalled.await();
    }

    /** Stops the dashboard, after sending open pages the run's end. */
    @Override
    public void close() {
        if (dashboard != null) {
            dashboard.close();
        }
    }

    private static String title(JobPlan plan, Estimate estimate) {
        int decimals = Math.min(16, estimate.meaningfulDecimals() + 1);
        return String.format(Locale.ROOT, "π ≈ %." + decimals + "f ± %.1g · %s points · seed %s", estimate.pi(),
                estimate.standardError(), TextReport.grouped(estimate.count().points()), SeedParser.format(plan.seed()));
    }
}
