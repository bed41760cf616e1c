package org.dartboard.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dartboard.core.JobPlan;
import org.dartboard.core.Kernel;
import org.dartboard.run.DartboardVersion;
import org.dartboard.run.Estimation;
import org.dartboard.run.Farms;
import org.dartboard.run.RunListener;
import org.dartboard.run.RunOutcome;
import org.dartboard.watch.Watching;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dartboard run}: estimates π with a plan of jobs on the local cores or on nodes. A thin user of the
 * library: options become an {@link Estimation}, its outcome a report.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        headerHeading = "%n",
        header = "Estimate π by throwing random darts at a quarter circle, split into jobs.",
        description = {
            "",
            "Runs M jobs of N random points each on all local cores (or on server nodes with --nodes) and prints π = 4·inside/(N·M) with its"
                    + " standard error, 95%% confidence interval, the digits that mean something, and the"
                    + " exact value to --digits digits.",
            "",
            "Without --points and --jobs (or --total-points) it asks for them on standard input, as the"
                    + " original OctaPi program did; answers can be piped in.",
            "",
            "Counts accept " + CountParser.SYNTAX + " (k, M, G, T, P are powers of 1000; Ki, Mi, Gi, Ti,"
                    + " Pi powers of 1024).",
            ""
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0    the run completed",
            "  1    the run failed",
            "  2    bad usage: unknown option, bad value, conflicting options",
            "  130  stopped by Ctrl-C: the estimate so far was printed, marked partial (with a journal, also the"
                    + " command that resumes the run)",
            "",
            "The same --seed and the same total number of points give the same count on any machine, with"
                    + " any --threads and any split into jobs."
        })
final class RunCommand implements Callable<Integer> {

    private static final int MAX_DIGITS = 100_000;
    /** The heap a job in flight may cost, with the rest of the program's share: the window's bound, for its help. */
    private static final int HEAP_KIB_PER_WINDOW_SLOT = Estimation.BYTES_PER_JOB_IN_FLIGHT
            * Estimation.HEAP_SHARE_OF_WINDOW / 1024;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOption config;

    @Mixin
    private SizeOptions sizes;

    @Option(names = "--threads", paramLabel = "THREADS", converter = CountConverter.class,
            description = "Jobs run at once on this machine, from 1 to " + Farms.MAX_THREADS + ". Default: all cores.")
    private BigInteger threads = BigInteger.valueOf(Runtime.getRuntime().availableProcessors());

    @Option(names = {"-w", "--window"}, paramLabel = "W", converter = CountConverter.class,
            description = "Most jobs in flight at once (the drip-feed), from 1 to " + Estimation.MAX_WINDOW
                    + ", and at most one per " + HEAP_KIB_PER_WINDOW_SLOT + " KiB of the JVM's heap (-Xmx): a wider"
                    + " window would not fit in memory. Default: " + Farms.WINDOW_PER_CPU + " per worker, at least "
                    + Farms.LOCAL_MIN_WINDOW + " on local cores and " + Farms.CLUSTER_MIN_WINDOW + " on nodes. Memory"
                    + " stays flat however many jobs there are.")
    private BigInteger window;

    @Mixin
    private ClusterOptions cluster;

    @Option(names = "--kernel", paramLabel = "KERNEL",
            description = "What counts the points: ${COMPLETION-CANDIDATES}; all count exactly the same points."
                    + " vector uses the Java Vector API (6 to 9× as fast as scalar with AVX-512, fastest on JDK 25)"
                    + " and needs the JDK module " + Kernel.VECTOR_MODULE + ", which the dartboard launcher adds."
                    + " auto: scalar for runs under 2^30 points per thread, else vector when a calibration of about"
                    + " 1 s finds it faster. The report says which ran and why. With --nodes, each node chooses"
                    + " for itself. Default: ${DEFAULT-VALUE}.")
    private KernelOption kernel = KernelOption.auto;

    @Option(names = {"-d", "--digits"}, paramLabel = "D", converter = CountConverter.class,
            description = "Significant digits of the exact value 4·inside/total, from 1 to " + MAX_DIGITS
                    + ". Default: ${DEFAULT-VALUE}, as the original printed.")
    private BigInteger digits = BigInteger.valueOf(100);

    @Option(names = "--jobs-log", paramLabel = "FILE",
            description = "Write one CSV line per counted job to FILE (created or replaced when the run starts; a"
                    + " regular file or /dev/null, not a named pipe): job, worker, points, inside, start, end,"
                    + " attempts.")
    private Path jobsLog;

    @Mixin
    private WatchOptions watch;

    @Mixin
    private JournalOptions journal;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "Output: ${COMPLETION-CANDIDATES}. json prints one JSON object on standard output"
                    + " (fields in docs/json.md). Default: ${DEFAULT-VALUE}.")
    private OutputFormat format = OutputFormat.text;

    private final InputStream input;
    private final ConfigDefaults settings;
    private final JournalDefaults journals;
    private final Map<String, String> environment;

    /**
     * @param settings the settings file's values, the options' defaults
     * @param journals where default journals go, and from how many points
     * @param environment what the launcher says: the terminal's width, the command that started dartboard
     */
    RunCommand(InputStream input, ConfigDefaults settings, JournalDefaults journals, Map<String, String> environment) {
        this.input = input;
        this.settings = settings;
        this.journals = journals;
        this.environment = environment;
    }

    /** Output formats; lower case because users type them. */
    enum OutputFormat { text, json }

    /** Kernels; lower case because users type them. */
    enum KernelOption {
        auto, scalar, vector;

        Kernel.Choice choice() {
            return Kernel.Choice.valueOf(name().toUpperCase(Locale.ROOT));
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        String settingsFile = settings.fileFor(spec).map(Object::toString).orElse(null);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        validate();
        checkFiles();
        Report.Context context = new Report.Context(DartboardVersion.current(), settingsFile,
                sizes.seedGiven() || journal.resumeFile() != null,
                file -> ResumeCommand.of(LauncherCommand.of(environment), spec.commandLine().getParseResult(), file));
        Screen output = Screen.standardOutput(environment);
        Report report = format == OutputFormat.json ? new JsonReport(out, context, output.ascii())
                : new TextReport(out, context, output);
        // Created when the run starts, once its nodes answered and its journal exists, so that a run refused
        // before then leaves an earlier log as it was.
        JobsLog log = jobsLog != null ? new JobsLog(jobsLog) : null;
        try (Watching watching = watch.start(err); Estimation estimation = estimation(report, watching, log, err)) {
            return run(estimation, report, watching, log, err);
        }
    }

    private int run(Estimation estimation, Report report, Watching watching, JobsLog log, PrintWriter err)
            throws InterruptedException {
        RunOutcome outcome;
        boolean interrupted;
        try (StopOnSignal stopOnSignal = StopOnSignal.install(estimation::stop)) {
            try {
                outcome = estimation.run();
            } finally {
                if (log != null) {
                    log.close();
                }
            }
            interrupted = stopOnSignal.signalled();
            report.finished(outcome, digits.intValueExact(), interrupted);
        }
        boolean plotted = writePlot(watching, outcome, err);
        boolean logged = log == null || log.problem().isEmpty();
        if (!logged) {
            err.println("dartboard run: " + log.problem().get() + "; the report is complete, the jobs log is not");
        }
        if (interrupted) {
            return ExitCodes.INTERRUPTED;
        }
        outcome.failure().ifPresent(failure -> err.println(Screen.standardError(environment).wrapped(
                "dartboard run: the run failed: " + (failure.getMessage() != null ? failure.getMessage()
                        : failure.toString()), "  ")));
        if (watch.keepDashboard()) {
            keepServingUntilSignal(watching, err);
        }
        return outcome.isComplete() && plotted && logged ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** Every option checked on its own and against the others, before anything starts. */
    private void validate() {
        journal.validate();
        sizes.validate(journal.resumeFile() != null);
        Settings.requireRange(spec, "--threads", threads, BigInteger.valueOf(Farms.MAX_THREADS));
        Settings.requireRange(spec, "--window", window, BigInteger.valueOf(Estimation.MAX_WINDOW));
        Settings.requireRange(spec, "--digits", digits, BigInteger.valueOf(MAX_DIGITS));
        cluster.validate(spec.commandLine().getParseResult().hasMatchedOption("--threads"));
    }

    /** The options as an estimation, built and so checked: a bad setting is bad usage naming its option. */
    private Estimation estimation(Report report, Watching watching, JobsLog log, PrintWriter err) {
        Estimation.Builder builder;
        if (journal.resumeFile() != null) {
            builder = Estimation.resume(journal.resumeFile());
        } else {
            JobPlan plan = sizes.plan(input, err);
            // The dashboard is up already: it shows the plan while the kernel is chosen and the farm opened.
            watching.planned(plan);
            builder = Estimation.of(plan);
        }
        builder.on(cluster.onNodes() ? cluster.cluster() : Farms.local().threads(threads.intValueExact()))
                .kernel(kernel.choice())
                .listener(new RunListener() {
                    @Override
                    public void started(Start start) {
                        report.started(start);
                    }
                })
                .listeners(watching.listeners());
        if (window != null) {
            builder.window(window.intValueExact());
        }
        journal.applyTo(builder, journals);
        if (log != null) {
            builder.listener(log);
        }
        // Only people watching a terminal want a bar; pipes, files and JSON readers do not.
        if (format == OutputFormat.text && System.console() != null) {
            Screen terminal = Screen.standardError(environment);
            builder.listener(new ProgressBar(err, terminal, terminal.redrawColumns(environment), System::nanoTime));
        }
        Estimation estimation = Settings.checked(spec, builder::build);
        if (journal.resumeFile() != null) {
            try {
                sizes.requireAgreementWith(estimation.plan(), journal.resumeFile());
            } catch (ParameterException contradiction) {
                estimation.close();
                throw contradiction;
            }
            // A resumed run's plan is known once its journal is read, and its farm is still to be opened.
            watching.planned(estimation.plan());
        }
        return estimation;
    }

    /**
     * Every file the run writes, checked before any is opened, any journal read or any node contacted: a run
     * refused for one of them, or later for anything else, has changed no file.
     */
    private void checkFiles() {
        OutputFiles files = new OutputFiles()
                .output("--journal", journal.newJournalFile())
                .appended("--resume", journal.resumeFile())
                .output("--jobs-log", jobsLog)
                .output("--plot", watch.plotFile())
                .input("settings file", settings.fileFor(spec).map(ConfigLocations.Found::path).orElse(null));
        files.problem().ifPresent(problem -> {
            throw usage("Invalid value for option '" + problem.option() + "': " + problem.words());
        });
    }

    /** Writes the plot file, when one was asked for; false when it could not be written. */
    private static boolean writePlot(Watching watching, RunOutcome outcome, PrintWriter err) {
        if (watching.plotFile().isEmpty()) {
            return true;
        }
        Path file = watching.plotFile().get();
        try {
            if (!watching.writePlot(outcome)) {
                err.println("dartboard run: no job was counted, so no plot was written to " + file);
            }
            return true;
        } catch (IOException | UncheckedIOException | IllegalArgumentException unwritable) {
            err.println("dartboard run: cannot write the plot " + file + ": "
                    + (unwritable.getMessage() != null ? unwritable.getMessage() : unwritable.toString()));
            return false;
        }
    }

    /**
     * With {@code --monitor-keep}: says where the dashboard is and serves it until Ctrl-C or SIGTERM, which then
     * only close it: the run is over, and the program ends with the run's own exit code.
     */
    private static void keepServingUntilSignal(Watching watching, PrintWriter err) throws InterruptedException {
        if (watching.dashboardUrl().isEmpty()) {
            return;
        }
        err.println("dartboard run: the run is over; the dashboard stays at " + watching.dashboardUrl().get()
                + " until Ctrl-C");
        err.flush();
        SignalWait.await(watching::close);
        watching.close();
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
