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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.dartboard.cluster.ClusterFarm;
import org.dartboard.cluster.ClusterSettings;
import org.dartboard.cluster.NodePattern;
import org.dartboard.cluster.NodeSettings;
import org.dartboard.cluster.security.ClusterSecurity;
import org.dartboard.core.Count;
import org.dartboard.core.JobPlan;
import org.dartboard.core.KernelChoice;
import org.dartboard.core.Kernels;
import org.dartboard.core.Tally;
import org.dartboard.plot.PlotFormat;
import org.dartboard.run.DartboardVersion;
import org.dartboard.run.Farm;
import org.dartboard.run.Journal;
import org.dartboard.run.LocalFarm;
import org.dartboard.run.ResumedJournal;
import org.dartboard.run.Run;
import org.dartboard.run.RunListener;
import org.dartboard.run.RunOutcome;
import org.dartboard.run.WorkerStatistics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
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
            "  130  stopped by Ctrl-C: the estimate so far was printed, marked partial (with a journal, also the"
                    + " command that resumes the run)",
            "",
            "The same --seed and the same total number of points give the same count on any machine, with"
                    + " any --threads and any split into jobs."
        })
final class RunCommand implements Callable<Integer> {

    private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);
    /** Options the resume command leaves out: the journal holds the plan, and new files are not started again. */
    private static final Set<String> NOT_REPEATED_ON_RESUME = Set.of("--points", "--jobs", "--total-points", "--seed",
            "--journal", "--no-journal", "--resume", "--jobs-log");
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
                    + ". Default: all cores.")
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

    @Option(names = "--journal", paramLabel = "FILE",
            description = "Record every counted job in FILE, a new file, so that a run that is killed (kill -9"
                    + " included), stopped or failed can be finished with --resume FILE. Default: runs of 10^11 points"
                    + " or more keep a journal in $XDG_STATE_HOME/dartboard/journals (else"
                    + " ~/.local/state/dartboard/journals), deleted once the run completes; the report names it.")
    private Path journalFile;

    @Option(names = "--no-journal", description = "Keep no journal, even for a run of 10^11 points or more.")
    private boolean noJournal;

    @Option(names = "--resume", paramLabel = "FILE",
            description = "Finish the run whose journal is FILE: the plan (seed, sizes) comes from the journal, the"
                    + " jobs it holds are not run again, and this run appends to it, so it can be resumed again. The"
                    + " count equals an uninterrupted run's. Other options (--nodes, --threads, --format, ...) may be"
                    + " given anew. A journal that holds every job just prints its result.")
    private Path resumeFile;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "Output: ${COMPLETION-CANDIDATES}. json prints one JSON object on standard output"
                    + " (fields in the README). Default: ${DEFAULT-VALUE}.")
    private OutputFormat format = OutputFormat.text;

    @Mixin
    private SecurityOptions security;

    private final InputStream input;
    private final ConfigDefaults settings;
    private final JournalDefaults journals;
    /** --nodes, parsed once by {@link #validate()}. */
    private NodePattern nodePattern;
    /** --secret-file (or the environment's secret) and --tls, checked once by {@link #validate()}. */
    private ClusterSecurity clusterSecurity;
    /** The journal of --resume, opened by {@link #validate()} and closed when the command ends. */
    private ResumedJournal resumed;

    /**
     * @param settings the settings file's values, the options' defaults
     * @param journals when a run keeps a journal without --journal, and where
     */
    RunCommand(InputStream input, ConfigDefaults settings, JournalDefaults journals) {
        this.input = input;
        this.settings = settings;
        this.journals = journals;
    }

    /** Output formats; lower case because users type them. */
    enum OutputFormat { text, json }

    /** Kernels; lower case because users type them. */
    enum KernelOption { auto, scalar, vector }

    @Override
    public Integer call() throws InterruptedException {
        String settingsFile = settings.fileFor(spec).map(Object::toString).orElse(null);
        validate();
        try {
            return runPlan(settingsFile);
        } finally {
            if (resumed != null) {
                resumed.journal().close();
            }
        }
    }

    /** @param settingsFile the settings file read, for the report's header; null for none */
    private int runPlan(String settingsFile) throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        JobPlan plan = resumed != null ? resumed.contents().plan() : plan(err);
        Tally countedBefore = resumed != null ? resumed.contents().tally() : new Tally();
        boolean seedGiven = seed != null || resumed != null;
        boolean nothingLeft = resumed != null && resumed.contents().isComplete();
        KernelChoice localKernel = nodes == null && !nothingLeft ? kernelChoice(plan, countedBefore.count()) : null;
        String kernelReason = nothingLeft ? JournalOnlyFarm.KERNEL_REASON
                : localKernel != null ? localKernel.reason() : NODES_CHOOSE_THEIR_KERNEL;
        WorkerStatistics statistics = new WorkerStatistics();
        // The journal comes after the farm: a cluster that cannot be reached leaves no empty journal behind.
        try (JobsLog log = openJobsLog(); Watching watching = startWatching(statistics, err);
                Farm farm = nothingLeft ? new JournalOnlyFarm() : farm(localKernel);
                Journal journal = openJournal(plan, err)) {
            JournalNote note = journal != null ? journalNote(journal, countedBefore.count()) : null;
            int jobsInFlight = window != null ? window.intValueExact() : farm.suggestedWindow();
            Report report = format == OutputFormat.json
                    ? new JsonReport(out, DartboardVersion.current(), kernelReason, settingsFile, note)
                    : new TextReport(out, DartboardVersion.current(), kernelReason, settingsFile, note);
            RunListener header = new RunListener() {
                @Override
                public void started(JobPlan started, Farm by, int slots) {
                    report.started(started, seedGiven, by, slots);
                }
            };
            List<RunListener> listeners = new ArrayList<>(List.of(header, statistics));
            listeners.addAll(watching.listeners());
            if (journal != null) {
                listeners.add(journal);
            }
            if (log != null) {
                listeners.add(log);
            }
            // Only people watching a terminal want a bar; pipes, files and JSON readers do not.
            if (format == OutputFormat.text && System.console() != null) {
                listeners.add(new ProgressBar(err, System::nanoTime));
            }
            Run run = new Run(plan, farm, jobsInFlight, Run.DEFAULT_MAX_ATTEMPTS, countedBefore, listeners);
            RunOutcome outcome;
            boolean interrupted;
            try (StopOnSignal stopOnSignal = StopOnSignal.install(run::stop)) {
                outcome = run.execute();
                interrupted = stopOnSignal.signalled();
                if (journal != null) {
                    // Durable before the report says how to resume from it.
                    journal.close();
                    if (outcome.isComplete() && note.deletedWhenComplete()) {
                        deleteCompleteJournal(journal.file(), err);
                    }
                }
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

    /**
     * The journal this run writes: the resumed one, the one of --journal (a new file), or a default one
     * for a long run. A default journal that cannot be created is not worth stopping the run for.
     */
    private Journal openJournal(JobPlan plan, PrintWriter err) {
        if (resumed != null) {
            return resumed.journal();
        }
        if (noJournal) {
            return null;
        }
        if (journalFile != null) {
            refuseExisting(journalFile, plan);
            try {
                return Journal.create(journalFile, plan, DartboardVersion.current());
            } catch (IOException cannot) {
                throw usage("Invalid value for option '--journal': " + cannot.getMessage());
            }
        }
        if (!journals.keepsJournal(plan)) {
            return null;
        }
        try {
            return Journal.create(journals.newFile(plan, Instant.now()), plan, DartboardVersion.current());
        } catch (IOException cannot) {
            err.println("dartboard run: warning: this run keeps no journal: " + cannot.getMessage());
            return null;
        }
    }

    /** --journal starts a new journal: an existing file is never overwritten, and a journal there is pointed out. */
    private void refuseExisting(Path file, JobPlan plan) {
        if (!Files.exists(file)) {
            return;
        }
        JobPlan journalled;
        try {
            journalled = Journal.read(file).plan();
        } catch (IOException notAJournal) {
            throw usage("Invalid value for option '--journal': '" + file + "' exists, and --journal never overwrites"
                    + " a file: give a new one");
        }
        if (journalled.equals(plan)) {
            throw usage("Invalid value for option '--journal': '" + file + "' is already the journal of this plan:"
                    + " carry it on with 'dartboard run --resume " + ShellWords.quote(file.toString())
                    + "', or give a new file");
        }
        throw usage("Invalid value for option '--journal': '" + file + "' is the journal of another plan ("
                + describe(journalled) + "), and --journal never overwrites a file: give a new one");
    }

    private JournalNote journalNote(Journal journal, Count countedBefore) {
        Path file = journal.file();
        return new JournalNote(file, resumed == null && journalFile == null || journals.holds(file), resumed != null,
                countedBefore, resumed != null ? resumed.contents().writtenBy() : DartboardVersion.current(),
                resumed != null ? resumed.contents().droppedBytes() : 0, resumeCommand(file));
    }

    /**
     * The command that carries on this run: {@code --resume} with the journal's absolute path, then the
     * options given this time, except the plan's (the journal holds it) and those that start new files.
     */
    private String resumeCommand(Path journal) {
        List<String> words = new ArrayList<>(List.of("dartboard", "run", "--resume",
                journal.toAbsolutePath().normalize().toString()));
        for (OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
            if (NOT_REPEATED_ON_RESUME.contains(option.longestName())) {
                continue;
            }
            if (option.arity().max() == 0) {
                words.add(option.longestName());
            }
            for (String value : option.originalStringValues()) {
                words.add(option.longestName());
                words.add(value);
            }
        }
        return words.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
    }

    private static void deleteCompleteJournal(Path file, PrintWriter err) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException cannot) {
            err.println("dartboard run: warning: cannot delete the complete journal '" + file + "': "
                    + cannot.getMessage());
        }
    }

    private static String describe(JobPlan plan) {
        return "seed " + SeedParser.format(plan.seed()) + ", " + plan.jobs() + " jobs of "
                + (plan.isUniform() ? "" : "up to ") + plan.pointsPerJob() + " points, " + plan.totalPoints()
                + " points in all";
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

    /**
     * The kernel of a local run: --kernel, with auto deciding by the work left per thread and a
     * calibration.
     */
    private KernelChoice kernelChoice(JobPlan plan, Count countedBefore) {
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
                long jobsLeft = plan.jobs() - countedBefore.jobs();
                BigInteger busyThreads = BigInteger.valueOf(Math.max(1, Math.min(threads.longValueExact(), jobsLeft)));
                BigInteger pointsLeft = plan.totalPoints().subtract(countedBefore.points());
                yield Kernels.auto(pointsLeft.divide(busyThreads).min(MAX_LONG).longValueExact());
            }
        };
    }

    private void validate() {
        validateJournalOptions();
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
        if (resumeFile != null) {
            openResumed();
        }
    }

    /**
     * --journal, --no-journal and --resume, from the command line or the settings file. When resuming, the
     * journal holds the plan and is the journal: the settings file's sizes, seed and journal choice do not
     * apply, and those typed on the command line are checked against the journal later.
     */
    private void validateJournalOptions() {
        if (resumeFile != null) {
            for (String option : List.of("--journal", "--no-journal")) {
                if (typed(option)) {
                    throw usage("--resume FILE carries on writing the journal FILE: " + option
                            + " cannot be combined with it");
                }
            }
            journalFile = null;
            noJournal = false;
            points = typed("--points") ? points : null;
            jobs = typed("--jobs") ? jobs : null;
            totalPoints = typed("--total-points") ? totalPoints : null;
            seed = typed("--seed") ? seed : null;
        } else if (journalFile != null && noJournal) {
            // As for the sizes: the command line replaces the settings file.
            if (typed("--journal") && !typed("--no-journal")) {
                noJournal = false;
            } else if (typed("--no-journal") && !typed("--journal")) {
                journalFile = null;
            } else {
                throw usage("--journal and --no-journal cannot be combined: give one of them, or neither for the"
                        + " default");
            }
        }
    }

    /** Opens the journal of --resume; a journal that cannot be resumed, or options that contradict it, are bad usage. */
    private void openResumed() {
        try {
            resumed = Journal.resume(resumeFile);
        } catch (IOException cannot) {
            throw usage("Invalid value for option '--resume': " + cannot.getMessage());
        }
        try {
            JobPlan plan = resumed.contents().plan();
            requireAgreement("--seed", seed == null ? null : SeedParser.format(seed), SeedParser.format(plan.seed()),
                    "seed");
            requireAgreement("--points", points, BigInteger.valueOf(plan.pointsPerJob()), "points per job");
            requireAgreement("--jobs", jobs, BigInteger.valueOf(plan.jobs()), "jobs");
            requireAgreement("--total-points", totalPoints, plan.totalPoints(), "points in all");
        } catch (ParameterException contradiction) {
            resumed.journal().close();
            resumed = null;
            throw contradiction;
        }
    }

    /** A plan option given with --resume must say what the journal says; it is redundant then, but harmless. */
    private void requireAgreement(String option, Object given, Object journalled, String what) {
        if (given != null && !given.equals(journalled)) {
            throw usage("Invalid value for option '" + option + "': " + given + " contradicts the journal '" + resumeFile
                    + "', whose run has " + journalled + " " + what + " (--resume takes the plan from the journal;"
                    + " leave " + option + " out)");
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
