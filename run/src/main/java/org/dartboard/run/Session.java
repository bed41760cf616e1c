package org.dartboard.run;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dartboard.core.Count;
import org.dartboard.core.JobPlan;
import org.dartboard.core.Kernel;

/**
 * The policy of one {@link Estimation}: which plan (given, or a resumed journal's), which kernel, which
 * journal, which window, and the order things start and stop in. The farm starts before a new journal is
 * created, so a cluster that cannot be reached leaves no empty journal behind; the journal is durable
 * before the outcome is returned, so a report that says how to resume is never ahead of the disk.
 */
final class Session {

    private static final String NOTHING_LEFT = "nothing left to count: every job is in the journal";
    private static final String EACH_NODE_CHOOSES = "each node chooses its own kernel (auto) when its first job"
            + " arrives, checks a choice raced too soon again later, and logs it";
    private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);

    /** What the builder was given, unchecked. */
    record Settings(JobPlan plan, Path resume, Farms.Spec farm, Kernel.Choice kernel, Integer window, Path journal,
            DefaultJournals defaultJournals, int maxAttempts, List<RunListener> listeners) {

        Settings {
            listeners = List.copyOf(listeners);
        }
    }

    private final Settings settings;
    private final JobPlan plan;
    private final Tally tally;
    private final ResumedJournal resumed;
    private final Farm.Connector connector;
    /** The local run's kernel; null on a cluster, and when nothing is left to count. */
    private final Kernel kernel;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean stopRequested;
    private volatile Run run;

    private Session(Settings settings, JobPlan plan, Tally tally, ResumedJournal resumed, Farm.Connector connector,
            Kernel kernel) {
        this.settings = settings;
        this.plan = plan;
        this.tally = tally;
        this.resumed = resumed;
        this.connector = connector;
        this.kernel = kernel;
    }

    /** Checks the settings, opens a resumed journal and chooses a local kernel; see {@link Estimation.Builder#build}. */
    static Session prepare(Settings settings) {
        Farm.Connector connector = checkFarm(settings);
        ResumedJournal resumed = settings.resume() != null ? JournalPolicy.resume(settings.resume()) : null;
        try {
            JobPlan plan = resumed != null ? resumed.contents().plan() : settings.plan();
            Tally tally = resumed != null ? resumed.contents().tally() : new Tally(plan);
            if (settings.journal() != null) {
                JournalPolicy.checkNew(settings.journal(), plan);
            }
            Kernel kernel = settings.farm() instanceof Farms.Local local && tally.count().jobs() < plan.jobs()
                    ? localKernel(settings.kernel(), plan, tally.count(), local.threads()) : null;
            return new Session(settings, plan, tally, resumed, connector, kernel);
        } catch (RuntimeException refused) {
            if (resumed != null) {
                resumed.journal().close();
            }
            throw refused;
        }
    }

    JobPlan plan() {
        return plan;
    }

    RunOutcome run() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("an estimation runs once");
        }
        boolean nothingLeft = tally.count().jobs() == plan.jobs();
        JournalPolicy journals = new JournalPolicy(settings.journal(), settings.defaultJournals(), resumed);
        JournalWriter journal = resumed != null ? resumed.journal() : null;
        Farm farm = null;
        try {
            farm = nothingLeft ? null : openFarm();
            journal = journals.open(plan);
            Optional<RunOutcome.JournalInfo> journalInfo = Optional.ofNullable(journal).map(journals::info);
            RunOutcome outcome = execute(farm, journal, journalInfo);
            if (journal != null) {
                journals.finish(journal, outcome);
            }
            return outcome;
        } finally {
            if (journal != null) {
                journal.close();
            }
            if (farm != null) {
                farm.close();
            }
        }
    }

    void stop() {
        stopRequested = true;
        Run running = run;
        if (running != null) {
            running.stop();
        }
    }

    void close() {
        if (!started.get() && resumed != null) {
            resumed.journal().close();
        }
    }

    private RunOutcome execute(Farm farm, JournalWriter journal, Optional<RunOutcome.JournalInfo> journalInfo) {
        WorkerStatistics statistics = new WorkerStatistics();
        List<Worker> workers = farm != null ? farm.workers() : List.of();
        int cpus = farm != null ? farm.cpus() : 0;
        RunListener.Start start = new RunListener.Start(plan, farm != null ? farm.description()
                : "none (every job is in the journal)", workers, cpus, window(cpus), kernelName(farm),
                kernelReason(farm), journalInfo, tally.count(),
                () -> statistics.rows(farm != null ? farm.workers() : workers));
        List<RunListener> listeners = new ArrayList<>();
        if (journal != null) {
            listeners.add(journal);
        }
        listeners.addAll(settings.listeners());
        Run created = new Run(start, farm, tally, settings.maxAttempts(), statistics, listeners);
        run = created;
        if (stopRequested) {
            created.stop();
        }
        return created.execute();
    }

    private Farm openFarm() {
        if (settings.farm() instanceof Farms.Local local) {
            return new LocalFarm(local.threads(), kernel);
        }
        return connector.connect((Farms.Cluster) settings.farm());
    }

    private int window(int cpus) {
        if (settings.window() != null) {
            return settings.window();
        }
        int least = settings.farm() instanceof Farms.Cluster ? Farms.CLUSTER_MIN_WINDOW : Farms.LOCAL_MIN_WINDOW;
        int wanted = (int) Math.min(Estimation.MAX_WINDOW, Math.max(least, (long) Farms.WINDOW_PER_CPU * cpus));
        return Math.min(wanted, Estimation.maxWindow());
    }

    private String kernelName(Farm farm) {
        if (farm == null) {
            return "none";
        }
        return kernel != null ? kernel.name() : "per node";
    }

    private String kernelReason(Farm farm) {
        if (farm == null) {
            return NOTHING_LEFT;
        }
        return kernel != null ? kernel.reason() : EACH_NODE_CHOOSES;
    }

    /** The cluster connector for a cluster farm, null for a local one; both checked. */
    private static Farm.Connector checkFarm(Settings settings) {
        if (settings.farm() instanceof Farms.Local local) {
            local.validate();
            return null;
        }
        Farms.Cluster cluster = (Farms.Cluster) settings.farm();
        if (settings.kernel() != Kernel.Choice.AUTO) {
            throw new InvalidSettingException("kernel", settings.kernel().name().toLowerCase(Locale.ROOT)
                    + " applies to local runs only; on a cluster each node chooses its own kernel (auto)");
        }
        cluster.validate();
        Farm.Connector connector = ServiceLoader.load(Farm.Connector.class).findFirst()
                .orElseThrow(() -> new InvalidSettingException("nodes", "running on nodes needs the dartboard-cluster"
                        + " module (org.dartboard:dartboard-cluster) on the class path"));
        connector.validate(cluster);
        return connector;
    }

    /**
     * The kernel of a local run: the choice, with auto deciding by the work left per thread and a
     * calibration.
     */
    private static Kernel localKernel(Kernel.Choice choice, JobPlan plan, Count countedBefore, int threads) {
        long jobsLeft = plan.jobs() - countedBefore.jobs();
        BigInteger busyThreads = BigInteger.valueOf(Math.max(1, Math.min(threads, jobsLeft)));
        BigInteger pointsLeft = plan.totalPoints().subtract(countedBefore.points());
        try {
            return Kernel.of(choice, pointsLeft.divide(busyThreads).min(MAX_LONG).longValueExact());
        } catch (IllegalStateException unavailable) {
            throw new InvalidSettingException("kernel", "vector cannot run here: " + unavailable.getMessage()
                    + " (the dartboard launcher adds the module when the JDK has it; auto and scalar run anywhere)");
        }
    }
}
