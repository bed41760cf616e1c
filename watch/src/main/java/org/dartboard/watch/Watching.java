package org.dartboard.watch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.dartboard.core.Estimate;
import org.dartboard.core.JobPlan;
import org.dartboard.run.InvalidSettingException;
import org.dartboard.run.RunListener;
import org.dartboard.run.RunOutcome;

/**
 * The pictures of a run that someone asked for: a live dashboard served while it runs, and a plot file
 * written at its end. Both draw the same convergence history and dart sample, which are kept only when one
 * of them is wanted; memory stays flat however many jobs the run has (about 900 samples and 2,000 darts).
 *
 * <pre>{@code
 * try (Watching watching = Watching.builder().dashboard("127.0.0.1", 8080).plot(Path.of("run.png")).start()) {
 *     RunOutcome outcome = Estimation.of(plan).listeners(watching.listeners()).build().run();
 *     watching.writePlot(outcome);
 * }
 * }</pre>
 */
public final class Watching implements AutoCloseable {

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

    /** Nothing watched yet: add a dashboard, a plot file, or both. */
    public static Builder builder() {
        return new Builder();
    }

    /** Where the dashboard is, such as {@code http://127.0.0.1:8080/}, when there is one. */
    public Optional<String> dashboardUrl() {
        return Optional.ofNullable(dashboard).map(Dashboard::url);
    }

    /** The plot file to write at the end, when there is one. */
    public Optional<Path> plotFile() {
        return Optional.ofNullable(plotFile);
    }

    /** What must hear the run's events: give them to {@code Estimation.Builder.listeners}. */
    public List<RunListener> listeners() {
        List<RunListener> listeners = new ArrayList<>();
        if (history != null) {
            listeners.add(history);
            listeners.add(darts);
        }
        if (feed != null) {
            listeners.add(feed);
        }
        return List.copyOf(listeners);
    }

    /**
     * Shows the plan on the dashboard before the run starts, when there is a dashboard: choosing the kernel and
     * reaching the nodes take up to seconds, and a page opened meanwhile should say what is coming. The run's
     * start replaces it.
     */
    public void planned(JobPlan plan) {
        if (feed != null) {
            feed.planned(Objects.requireNonNull(plan, "plan"));
        }
    }

    /**
     * Writes the plot file of the run's outcome, created or replaced, when one was asked for.
     *
     * @return false when there was nothing to draw, because no job was counted (no file is written then)
     * @throws IOException when the file cannot be written
     */
    public boolean writePlot(RunOutcome outcome) throws IOException {
        if (plotFile == null || outcome.estimate().isEmpty()) {
            return false;
        }
        new RunPlot(title(outcome.plan(), outcome.estimate().get()), DartsKind.of(outcome.plan()), history.samples(),
                darts.darts()).write(plotFile);
        return true;
    }

    /** Stops the dashboard, after sending open pages the run's end. A second call does nothing. */
    @Override
    public void close() {
        if (dashboard != null) {
            dashboard.close();
        }
    }

    private static String title(JobPlan plan, Estimate estimate) {
        int decimals = Math.min(16, estimate.meaningfulDecimals() + 1);
        return String.format(Locale.ROOT, "π ≈ %." + decimals + "f ± %.1g · %,d points · %s · seed %s", estimate.pi(),
                estimate.standardError(), estimate.count().points(), DartsKind.of(plan).label(),
                Long.toUnsignedString(plan.seed()));
    }

    /** What to watch; checked by {@link #start()}. */
    public static final class Builder {

        private String dashboardAddress;
        private Integer dashboardPort;
        private Path plotFile;

        private Builder() {
        }

        /**
         * A live dashboard at http://ADDRESS:PORT/ while the run goes on.
         *
         * @param address where to listen: 127.0.0.1 for this machine only, 0.0.0.0 for every interface
         * @param port from 1 to 65535, or 0 for any free port
         */
        public Builder dashboard(String address, int port) {
            this.dashboardAddress = Objects.requireNonNull(address, "address");
            this.dashboardPort = port;
            return this;
        }

        /** The convergence chart and the darts, written at the end to this {@code .png} or {@code .svg} file. */
        public Builder plot(Path file) {
            this.plotFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * Checks the settings and starts the dashboard, so that a port in use fails before any work is done.
         *
         * @throws InvalidSettingException naming {@code monitor} or {@code plot}, for a port out of range or
         *     in use, or a plot file that cannot be written
         */
        public Watching start() {
            if (dashboardPort != null && (dashboardPort < 0 || dashboardPort > 65_535)) {
                throw new InvalidSettingException("monitor", dashboardPort
                        + " is out of range (allowed: 0 for any free port, or 1 to 65535)");
            }
            if (plotFile != null) {
                checkPlotFile(plotFile);
            }
            if (dashboardPort == null && plotFile == null) {
                return new Watching(null, null, null, null, null);
            }
            ConvergenceHistory history = new ConvergenceHistory();
            DartSample darts = new DartSample();
            DashboardFeed feed = null;
            Dashboard dashboard = null;
            if (dashboardPort != null) {
                feed = new DashboardFeed(history, darts, System::nanoTime);
                try {
                    dashboard = Dashboard.start(dashboardAddress, dashboardPort, feed);
                } catch (UncheckedIOException unavailable) {
                    throw new InvalidSettingException("monitor", unavailable.getMessage()
                            + " (choose another port, or 0 for any free one)");
                }
            }
            return new Watching(history, darts, feed, dashboard, plotFile);
        }

        private static void checkPlotFile(Path file) {
            if (PlotFormat.of(file).isEmpty()) {
                throw new InvalidSettingException("plot", "'" + file + "' must end in .png or .svg");
            }
            Path folder = file.toAbsolutePath().getParent();
            if (folder == null || !Files.isDirectory(folder) || !Files.isWritable(folder)) {
                throw new InvalidSettingException("plot", "cannot write '" + file + "' (no writable folder " + folder
                        + ")");
            }
        }
    }
}
