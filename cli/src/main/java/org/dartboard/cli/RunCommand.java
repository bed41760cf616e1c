package org.dartboard.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dartboard.cluster.ClusterFarm;
import org.dartboard.cluster.ClusterSettings;
import org.dartboard.cluster.NodePattern;
import org.dartboard.cluster.NodeSettings;
import org.dartboard.cluster.security.ClusterSecurity;
import org.dartboard.core.JobPlan;
import org.dartboard.core.KernelChoice;
import org.dartboard.core.Kernels;
import org.dartboard.plot.PlotFormat;
import org.dartboard.run.DartboardVersion;
import org.dartboard.run.Farm;
import org.dartboard.run.LocalFarm;
import org.dartboard.run.Run;
import org.dartboard.run.RunListener;
import org.dartboard.run.RunOutcome;
import org.dartboard.run.WorkerStatistics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dartboard run}: estimates π with a plan of jobs on the local cores. */
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
            "  130  stopped by Ctrl-C: the estimate so far was printed, marked partial",
            "",
            "The same --seed and the same total number of points give the same count on any machine, with"
                    + " any --threads and any split into jobs."
        })
final class RunCommand implements Callable<Integer> {

    private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);
    private static final int MAX_DIGITS = 100_000;
    private static final int MAX_THREADS = 4096;
    private static final int MAX_WINDOW = 1_000_000;
    /** Why a cluster run's kernel is not the client's to say. */
    private static final String NODES_CHOOSE_THEIR_KERNEL = "each node chooses its own kernel (auto), once per node"
            + " JVM, and logs it";

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOption config;

    @Option(names = {"-n", "--points"}, paramLabel = "N", converter = CountConverter.class,
            description = "Points per job (N), from 1 to 2^63-1.")
    private BigInteger points;

    @Option(names = {"-m", "--jobs"}, paramLabel = "M", converter = CountConverter.class,
            description = "Number of jobs (M), from 1 to 2^63-1; N·M at most 2^64.")
    private BigInteger jobs;

    @Option(names = {"-t", "--total-points"}, paramLabel = "T", converter = CountConverter.class,
            description = {
                "Total points instead of --points and --jobs, from 1 to 2^64. The plan splits T into jobs"
                        + " itself: at most " + JobPlan.SPLIT_MAX_JOB_POINTS + " points per job (so a"
                        + " cancelled or lost job costs little and progress is smooth) and at least "
                        + JobPlan.SPLIT_MIN_JOBS + " jobs when T allows (so every core gets work). The split"
                        + " does not change the count."
            })
    private BigInteger totalPoints;

    @Option(names = {"-s", "--seed"}, paramLabel = "S", converter = SeedConverter.class,
            description = "Master seed of the run's random stream: " + SeedParser.SYNTAX
                    + ". Default: chosen at random and printed, so the run can be repeated.")
    private Long seed;

    @Option(names = "--threads", paramLabel = "THREADS", converter = CountConverter.class,
            description = "Jobs run at once on this machine, from 1 to " + MAX_THREADS
                    + ". Default: all cores (${DEFAULT-VALUE}).")
    private BigInteger threads = BigInteger.valueOf(Runtime.getRuntime().availableProcessors());

    @Option(names = {"-w", "--window"}, paramLabel = "W", converter = CountConverter.class,
            description = "Most jobs in flight at once (the drip-feed), from 1 to " + MAX_WINDOW
                    + ". Default: 16 per worker, at least 64. Memory stays flat however many jobs there are.")
    private BigInteger window;

    @Option(names = "--nodes", paramLabel = "PATTERN",
            description = "Run the jobs on dartboard nodes instead of local cores: a pattern such as"
                    + " '192.168.1.*', a range 192.168.1.10-17, or a list of hosts, each optionally with :PORT"
                    + " (default port " + NodeSettings.DEFAULT_CLIENT_PORT + "). Start nodes with 'dartboard node'.")
    private String nodes;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to look for a first node before giving up. Default: 10s.")
    private Duration connectTimeout = ClusterSettings.DEFAULT_CONNECT_TIMEOUT;

    @Option(names = "--node-wait", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "When every node is lost, how long to wait for one to come back before stopping with"
                    + " the partial estimate. Default: 60s.")
    private Duration nodeWait = ClusterSettings.DEFAULT_NODE_WAIT_TIMEOUT;

    @Option(names = "--failure-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With --nodes: how long the node this client talks to may stay silent before the client"
                    + " counts it lost, runs its jobs again on the other nodes and talks to them instead. Default: 10s.")
    private Duration failureTimeout = ClusterSettings.DEFAULT_FAILURE_TIMEOUT;

    @Option(names = "--kernel", paramLabel = "KERNEL",
            description = "What counts the points: ${COMPLETION-CANDIDATES}; all count exactly the same points."
                    + " vector uses the Java Vector API (5 to 8× as fast as scalar with AVX-512, fastest on JDK 25)"
                    + " and needs the JDK module " + Kernels.VECTOR_MODULE + ", which the dartboard launcher adds."
                    + " auto: scalar for runs under 2^29 points per thread, else vector when a calibration of about"
                    + " 0.5 s finds it faster. The report says which ran and why. With --nodes, each node chooses"
                    + " for itself. Default: ${DEFAULT-VALUE}.")
    private KernelOption kernel = KernelOption.auto;

    @Option(names = {"-d", "--digits"}, paramLabel = "D", converter = CountConverter.class,
            description = "Significant digits of the exact value 4·inside/total, from 1 to " + MAX_DIGITS
                    + ". Default: ${DEFAULT-VALUE}, as the original printed.")
    private BigInteger digits = BigInteger.valueOf(100);

    @Option(names = "--jobs-log", paramLabel = "FILE",
            description = "Write one CSV line per counted job to FILE (created or replaced): job, worker, points,"
                    + " inside, start, end, attempts.")
    private Path jobsLog;

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
            description = "Keep serving the dashboard after the run has ended, until Ctrl-C.")
    private boolean monitorKeep;

    @Option(names = "--plot", paramLabel = "FILE",
            description = "At the end, write the convergence chart and a picture of the run's darts to FILE"
                    + " (created or replaced): .png or .svg.")
    private Path plot;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "Output: ${COMPLETION-CANDIDATES}. json prints one JSON object on standard output"
                    + " (fields in the README). Default: ${DEFAULT-VALUE}.")
    private OutputFormat format = OutputFormat.text;

    @Mixin
    private SecurityOptions security;

    private final InputStream input;
    private final ConfigDefaults settings;
    /** --nodes, parsed once by {@link #validate()}. */
    private NodePattern nodePattern;
    /** --secret-file (or the environment's secret) and --tls, checked once by {@link #validate()}. */
    private ClusterSecurity clusterSecurity;

    RunCommand(InputStream input, ConfigDefaults settings) {
        this.input = input;
        this.settings = settings;
    }

    /** Output formats; lower case because users type them. */
    enum OutputFormat { text, json }

    /** Kernels; lower case because users type them. */
    enum KernelOption { auto, scalar, vector }

    @Override
    public Integer call() throws InterruptedException {
        String settingsFile = settings.fileFor(spec).map(Object::toString).orElse(null);
        validate();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        JobPlan plan = plan(err);
        boolean seedGiven = seed != null;
        KernelChoice localKernel = nodes == null ? kernelChoice(plan) : null;
        String kernelReason = localKernel != null ? localKernel.reason() : NODES_CHOOSE_THEIR_KERNEL;
        WorkerStatistics statistics = new WorkerStatistics();
        try (JobsLog log = openJobsLog(); Watching watching = startWatching(statistics, err);
                Farm farm = farm(localKernel)) {
            int jobsInFlight = window != null ? window.intValueExact() : farm.suggestedWindow();
            Report report = format == OutputFormat.json
                    ? new JsonReport(out, DartboardVersion.current(), kernelReason, settingsFile)
                    : new TextReport(out, DartboardVersion.current(), kernelReason, settingsFile);
            RunListener header = new RunListener() {
                @Override
                public void started(JobPlan started, Farm by, int slots) {
                    report.started(started, seedGiven, by, slots);
                }
            };
            List<RunListener> listeners = new ArrayList<>(List.of(header, statistics));
            listeners.addAll(watching.listeners());
            if (log != null) {
                listeners.add(log);
            }
            // Only people watching a terminal want a bar; pipes, files and JSON readers do not.
            if (format == OutputFormat.text && System.console() != null) {
                listeners.add(new ProgressBar(err, System::nanoTime));
            }
            Run run = new Run(plan, farm, jobsInFlight, listeners);
            RunOutcome outcome;
            boolean interrupted;
            try (StopOnSignal stopOnSignal = StopOnSignal.install(run::stop)) {
                outcome = run.execute();
                interrupted = stopOnSignal.signalled();
                report.finished(outcome, seedGiven, digits.intValueExact(), interrupted, statistics);
            }
            boolean plotted = watching.writePlot(outcome, err);
            if (interrupted) {
                return ExitCodes.INTERRUPTED;
            }
            outcome.failure().ifPresent(failure -> err.println("dartboard run: the run failed: "
                    + (failure.getMessage() != null ? failure.getMessage() : failure.toString())));
            if (monitorKeep) {
                watching.keepServingUntilSignal(err);
            }
            return outcome.isComplete() && plotted ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    /** The dashboard, started before the farm so that a busy port fails before any work is done. */
    private Watching startWatching(WorkerStatistics statistics, PrintWriter err) {
        Watching watching;
        try {
            watching = Watching.start(monitorPort, monitorBind, plot, statistics);
        } catch (UncheckedIOException unavailable) {
            throw usage("Invalid value for option '--monitor': " + unavailable.getMessage()
                    + " (choose another port, or 0 for any free one)");
        }
        if (watching.dashboardUrl() != null) {
            err.println("dartboard run: live dashboard at " + watching.dashboardUrl());
            err.flush();
        }
        return watching;
    }

    /** The --jobs-log file, created now so that an unwritable path fails before any work is done. */
    private JobsLog openJobsLog() {
        if (jobsLog == null) {
            return null;
        }
        try {
            return JobsLog.create(jobsLog);
        } catch (IOException | RuntimeException unwritable) {
            throw usage("Invalid value for option '--jobs-log': cannot write '" + jobsLog + "' ("
                    + unwritable.getClass().getSimpleName() + (unwritable.getMessage() != null
                    ? ": " + unwritable.getMessage() : "") + ")");
        }
    }

    /** The local cores, or the nodes of --nodes; a cluster that cannot be used is a failure (exit 1). */
    private Farm farm(KernelChoice localKernel) {
        if (nodes == null) {
            return new LocalFarm(threads.intValueExact(), localKernel.kernel());
        }
        return ClusterFarm.connect(new ClusterSettings(nodePattern, connectTimeout, nodeWait,
                ClusterSettings.DEFAULT_TASK_TIMEOUT, failureTimeout, clusterSecurity));
    }

    /** The kernel of a local run: --kernel, with auto deciding by the work per thread and a calibration. */
    private KernelChoice kernelChoice(JobPlan plan) {
        return switch (kernel) {
            case scalar -> Kernels.scalar();
            case vector -> {
                try {
                    yield Kernels.vector();
                } catch (IllegalStateException unavailable) {
                    throw usage("Invalid value for option '--kernel': vector cannot run here: "
                            + unavailable.getMessage() + " (the dartboard launcher adds the module when the JDK has"
                            + " it; --kernel auto and scalar run anywhere)");
                }
            }
            case auto -> {
                BigInteger busyThreads = BigInteger.valueOf(Math.min(threads.longValueExact(), plan.jobs()));
                yield Kernels.auto(plan.totalPoints().divide(busyThreads).min(MAX_LONG).longValueExact());
            }
        };
    }

    private void validate() {
        if (totalPoints != null && (points != null || jobs != null)) {
            // A size on the command line replaces a size in the settings file, whichever form each one has.
            boolean totalTyped = typed("--total-points");
            boolean splitTyped = typed("--points") || typed("--jobs");
            if (splitTyped && !totalTyped) {
                totalPoints = null;
            } else if (totalTyped && !splitTyped) {
                points = null;
                jobs = null;
            } else {
                throw usage("--total-points cannot be combined with --points or --jobs: give either T, or N and M");
            }
        }
        requireRange("--points", points, MAX_LONG);
        requireRange("--jobs", jobs, MAX_LONG);
        requireRange("--total-points", totalPoints, JobPlan.MAX_TOTAL_POINTS);
        if (points != null && jobs != null && points.multiply(jobs).compareTo(JobPlan.MAX_TOTAL_POINTS) > 0) {
            throw usage("--points " + points + " times --jobs " + jobs + " is " + points.multiply(jobs)
                    + " points, more than 2^64 = " + JobPlan.MAX_TOTAL_POINTS + ", the length of the random stream");
        }
        requireRange("--threads", threads, BigInteger.valueOf(MAX_THREADS));
        requireRange("--window", window, BigInteger.valueOf(MAX_WINDOW));
        requireRange("--digits", digits, BigInteger.valueOf(MAX_DIGITS));
        validateWatching();
        if (FailureTimeouts.problemWith(failureTimeout) != null) {
            throw usage(FailureTimeouts.problemWith(failureTimeout));
        }
        if (nodes == null && spec.commandLine().getParseResult().hasMatchedOption("--failure-timeout")) {
            throw usage("--failure-timeout applies to runs on nodes (--nodes) only");
        }
        if (nodes != null) {
            try {
                nodePattern = NodePattern.parse(nodes, NodeSettings.DEFAULT_CLIENT_PORT);
            } catch (IllegalArgumentException malformed) {
                throw usage("Invalid value for option '--nodes': " + malformed.getMessage());
            }
            if (typed("--threads")) {
                throw usage("--threads applies to local runs only; with --nodes, each node's --cpus decides");
            }
            if (kernel != KernelOption.auto) {
                throw usage("--kernel " + kernel + " applies to local runs only; with --nodes, each node chooses its"
                        + " own kernel (auto)");
            }
            clusterSecurity = security.resolve(spec.commandLine());
        } else if (security.given()) {
            throw usage("--secret-file and --tls apply to cluster runs only (with --nodes); a local run uses no"
                    + " network");
        }
    }

    private void validateWatching() {
        var parsed = spec.commandLine().getParseResult();
        if (monitorPort == null) {
            for (String needsMonitor : List.of("--monitor-bind", "--monitor-keep")) {
                if (parsed.hasMatchedOption(needsMonitor)) {
                    throw usage(needsMonitor + " needs --monitor PORT, the dashboard it applies to");
                }
            }
        } else if (monitorPort < 0 || monitorPort > 65_535) {
            throw usage("Invalid value for option '--monitor': " + monitorPort
                    + " is out of range (allowed: 0 for any free port, or 1 to 65535)");
        }
        if (plot != null) {
            if (PlotFormat.of(plot).isEmpty()) {
                throw usage("Invalid value for option '--plot': '" + plot + "' must end in .png or .svg");
            }
            Path folder = plot.toAbsolutePath().getParent();
            if (folder == null || !Files.isDirectory(folder) || !Files.isWritable(folder)) {
                throw usage("Invalid value for option '--plot': cannot write '" + plot + "' (no writable folder "
                        + folder + ")");
            }
        }
    }

    private JobPlan plan(PrintWriter questions) {
        long masterSeed = seed != null ? seed : new SecureRandom().nextLong();
        if (totalPoints != null) {
            return JobPlan.splitting(totalPoints, masterSeed);
        }
        // Piped answers are not shown by a terminal: echo them, so the questions and answers read well.
        boolean echoAnswers = System.console() == null;
        SizePrompt prompt = new SizePrompt(
                new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8)), questions, echoAnswers);
        try {
            BigInteger maxPoints = jobs == null ? MAX_LONG : JobPlan.MAX_TOTAL_POINTS.divide(jobs).min(MAX_LONG);
            long n = points != null ? points.longValueExact()
                    : prompt.ask("Number of points per job (N): ", "the number of points per job", maxPoints,
                            jobs == null ? "a job counts at most 2^63-1 points" : "N·M must be at most 2^64 points");
            BigInteger maxJobs = JobPlan.MAX_TOTAL_POINTS.divide(BigInteger.valueOf(n)).min(MAX_LONG);
            long m = jobs != null ? jobs.longValueExact()
                    : prompt.ask("Number of jobs (M): ", "the number of jobs", maxJobs,
                            "N·M must be at most 2^64 points");
            return JobPlan.of(n, m, masterSeed);
        } catch (SizePrompt.EndOfAnswers ended) {
            throw new ParameterException(spec.commandLine(), ended.getMessage());
        }
    }

    /** Whether the command line gave the option (rather than the settings file or the default). */
    private boolean typed(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    private void requireRange(String option, BigInteger value, BigInteger max) {
        if (value != null && (value.signum() <= 0 || value.compareTo(max) > 0)) {
            throw usage("Invalid value for option '" + option + "': " + value + " is out of range (allowed: 1 to "
                    + max + ")");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
