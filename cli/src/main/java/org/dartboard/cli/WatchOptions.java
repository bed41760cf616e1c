package org.dartboard.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.dartboard.watch.Watching;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The pictures of a run a user may ask {@code run} for: the live dashboard and the plot file. */
final class WatchOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--monitor", paramLabel = "PORT",
            description = "Serve a live dashboard of the run on this port (0: any free port): progress, the"
                    + " workers, the estimate converging and the run's darts, pushed to the browser. Its address is"
                    + " printed on standard error. Listens on --monitor-bind.")
    private Integer monitorPort;

    @Option(names = "--monitor-bind", paramLabel = "ADDRESS",
            description = "Where the dashboard listens. Default: ${DEFAULT-VALUE}, this machine only;"
                    + " 0.0.0.0 for every network interface.")
    private String monitorBind = "127.0.0.1";

    @Option(names = "--monitor-keep",
            description = "Keep serving the dashboard after the run has ended, until Ctrl-C, which then only"
                    + " closes it: the exit code is the run's own (0 when it completed).")
    private boolean monitorKeep;

    @Option(names = "--plot", paramLabel = "FILE",
            description = "At the end, write the convergence chart and a picture of the run's darts to FILE"
                    + " (created or replaced): .png or .svg.")
    private Path plot;

    /** The file of --plot, or null. */
    Path plotFile() {
        return plot;
    }

    /** Whether the dashboard stays up after the run, until Ctrl-C. */
    boolean keepDashboard() {
        return monitorKeep;
    }

    /**
     * Starts the dashboard when a port is given, and checks the plot file when one is: a busy port or an
     * unwritable folder fails before any work is done.
     */
    Watching start(PrintWriter err) {
        var parsed = spec.commandLine().getParseResult();
        if (monitorPort == null) {
            for (String needsMonitor : List.of("--monitor-bind", "--monitor-keep")) {
                if (parsed.hasMatchedOption(needsMonitor)) {
                    throw usage(needsMonitor + " needs --monitor PORT, the dashboard it applies to");
                }
            }
        }
        Watching.Builder watching = Watching.builder();
        if (monitorPort != null) {
            watching.dashboard(monitorBind, monitorPort);
        }
        if (plot != null) {
            watching.plot(plot);
        }
        Watching started = Settings.checked(spec, watching::start);
        started.dashboardUrl().ifPresent(url -> {
            err.println("dartboard run: live dashboard at " + url);
            err.flush();
        });
        return started;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
