package org.dartboard.run;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dartboard.core.JobPlan;
import org.dartboard.core.Kernel;

/**
 * The front door: π estimated from a plan of jobs, on a farm, with an optional journal and listeners.
 *
 * <pre>{@code
 * RunOutcome outcome = Estimation.of(JobPlan.of(1_000_000, 16, 42))
 *         .on(Farms.local())                       // or Farms.cluster("192.168.1.*").secret(...)
 *         .build()
 *         .run();
 * Estimate estimate = outcome.estimate().orElseThrow();
 * }</pre>
 *
 * <p>Every setting is checked once, by {@link Builder#build()}, before anything starts; a bad one fails with
 * an {@link InvalidSettingException} that names it, its value and what is allowed. {@link #run()} then
 * opens the farm, keeps the journal, drives the jobs through a bounded window (the drip-feed), runs again
 * the jobs of lost workers, and returns the outcome with the estimate. The count depends on the plan's seed
 * and total only, never on the farm, the window or the order the jobs finish in.
 *
 * <p>An estimation runs once. {@link #stop()} ends it early from any thread (a signal handler, say); the
 * outcome then holds the jobs counted so far. An estimation built but not run must be closed, to release
 * a resumed journal.
 */
public final class Estimation implements AutoCloseable {

    /** The widest window: more jobs in flight than this only cost memory. */
    public static final int MAX_WINDOW = 1_000_000;

    /**
     * What one job in flight may cost the heap, in bytes: about 330 were measured (its spec, its futures, its
     * entry in the map of jobs in flight, its place in a farm's queue), locally and on a cluster alike; the
     * rest is room for the garbage collector, which needs it most when the heap is small.
     */
    public static final int BYTES_PER_JOB_IN_FLIGHT = 1024;
    /** The share of the heap a window may take, as a divisor: the other half is the rest of the program's. */
    public static final int HEAP_SHARE_OF_WINDOW = 2;

    /**
     * Runs of 10 to this power points or more keep a journal by default when {@link Builder#defaultJournals}
     * is given: about 100 s on two cores with the scalar kernel, many minutes on a Raspberry Pi.
     */
    public static final int DEFAULT_JOURNAL_FROM_POWER_OF_TEN = 11;
    /** {@code 10^}{@value #DEFAULT_JOURNAL_FROM_POWER_OF_TEN} points. */
    public static final BigInteger DEFAULT_JOURNAL_FROM_POINTS = BigInteger.TEN.pow(DEFAULT_JOURNAL_FROM_POWER_OF_TEN);

    private final Session session;

    private Estimation(Session session) {
        this.session = session;
    }

    /** An estimation of this plan; by default on all local cores, without a journal. */
    public static Builder of(JobPlan plan) {
        return new Builder(Objects.requireNonNull(plan, "plan"), null);
    }

    /**
     * An estimation that finishes the run whose journal is this file: the plan comes from the journal, the
     * jobs it holds are not run again, and this run appends to it, so it can be resumed again. The count
     * equals an uninterrupted run's.
     */
    public static Builder resume(Path journal) {
        return new Builder(null, Objects.requireNonNull(journal, "journal"));
    }

    /**
     * The widest window this JVM's heap holds ({@link Runtime#maxMemory()}): a wider one ends in an
     * OutOfMemoryError of a worker thread once the window has filled.
     */
    public static int maxWindow() {
        return maxWindowFor(Runtime.getRuntime().maxMemory());
    }

    /** The widest window a heap of {@code heapBytes} holds, from 1 to {@value #MAX_WINDOW}. */
    static int maxWindowFor(long heapBytes) {
        long fits = heapBytes / HEAP_SHARE_OF_WINDOW / BYTES_PER_JOB_IN_FLIGHT;
        return (int) Math.max(1, Math.min(MAX_WINDOW, fits));
    }

    /** The plan this estimation runs: the given one, or a resumed journal's. */
    public JobPlan plan() {
        return session.plan();
    }

    /**
     * Runs the plan to its end, or until stopped or failed, and returns what was counted. The jobs run on the
     * farm; this thread waits.
     *
     * @throws IllegalStateException when called a second time
     * @throws RuntimeException when the farm cannot start (no node answered, the nodes refused this client),
     *     with a message that says what was tried and what to do; nothing was counted then
     */
    public RunOutcome run() {
        return session.run();
    }

    /**
     * Ends the run early: nothing new is started and jobs in flight are cancelled (within one chunk of points,
     * a few milliseconds); {@link #run()} then returns the outcome of the jobs counted so far. Safe from any
     * thread, before or during the run.
     */
    public void stop() {
        session.stop();
    }

    /** Releases what {@link Builder#build()} opened, when {@link #run()} was not called. */
    @Override
    public void close() {
        session.close();
    }

    private static long megabytes(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }

    /** The settings of an estimation, each optional; checked together by {@link #build()}. */
    public static final class Builder {

        private final JobPlan plan;
        private final Path resume;
        private Farms.Spec farm = Farms.local();
        private Kernel.Choice kernel = Kernel.Choice.AUTO;
        private Integer window;
        private Path journal;
        private DefaultJournals defaultJournals;
        private int maxAttempts = Run.DEFAULT_MAX_ATTEMPTS;
        private final List<RunListener> listeners = new ArrayList<>();

        private Builder(JobPlan plan, Path resume) {
            this.plan = plan;
            this.resume = resume;
        }

        /** Where the jobs run: {@link Farms#local()} (the default) or {@link Farms#cluster}. */
        public Builder on(Farms.Spec farm) {
            this.farm = Objects.requireNonNull(farm, "farm");
            return this;
        }

        /**
         * Which kernel counts the points of a local run; every kernel counts exactly the same points. Default
         * {@link Kernel.Choice#AUTO}; on a cluster each node chooses its own, so only AUTO is allowed there.
         */
        public Builder kernel(Kernel.Choice choice) {
            this.kernel = Objects.requireNonNull(choice, "kernel");
            return this;
        }

        /**
         * The most jobs in flight at once, from 1 to {@value Estimation#MAX_WINDOW} and no wider than the heap
         * holds ({@link Estimation#maxWindow()}): the drip-feed that keeps memory flat however many jobs there
         * are. Default: {@value Farms#WINDOW_PER_CPU} per cpu of the farm, at least
         * {@value Farms#LOCAL_MIN_WINDOW} on local cores and {@value Farms#CLUSTER_MIN_WINDOW} on a cluster,
         * and no wider than the heap holds.
         */
        public Builder window(int jobsInFlight) {
            this.window = jobsInFlight;
            return this;
        }

        /**
         * Records every counted job in this new file (an existing file is never overwritten), so that a run
         * killed in any way can be finished with {@link Estimation#resume}. The journal is kept after the run.
         */
        public Builder journal(Path file) {
            this.journal = Objects.requireNonNull(file, "journal");
            return this;
        }

        /**
         * Runs of {@link Estimation#DEFAULT_JOURNAL_FROM_POINTS} points or more keep a journal in this folder
         * without being given one, deleted once the run completes.
         */
        public Builder defaultJournals(Path directory) {
            return defaultJournals(directory, DEFAULT_JOURNAL_FROM_POINTS);
        }

        /** Runs of {@code fromPoints} points or more keep a journal in this folder, deleted once complete. */
        public Builder defaultJournals(Path directory, BigInteger fromPoints) {
            this.defaultJournals = new DefaultJournals(Objects.requireNonNull(directory, "directory"),
                    Objects.requireNonNull(fromPoints, "fromPoints"));
            return this;
        }

        /** Tells this listener every event of the run, in order, after the listeners added before it. */
        public Builder listener(RunListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Tells these listeners every event of the run, in their order, after the listeners added before. */
        public Builder listeners(Iterable<? extends RunListener> more) {
            more.forEach(this::listener);
            return this;
        }

        /** How often a job may be lost before the run gives up on it; for tests of that limit. */
        Builder maxAttempts(int attempts) {
            this.maxAttempts = attempts;
            return this;
        }

        /**
         * Checks every setting and prepares the run: reads and locks a resumed journal, and chooses the kernel
         * of a local run (a calibration of up to two seconds for a large run). Nothing is counted yet.
         *
         * @throws InvalidSettingException for the first setting that cannot be used
         */
        public Estimation build() {
            if (window != null && (window < 1 || window > MAX_WINDOW)) {
                throw new InvalidSettingException("window", window + " is out of range (allowed: 1 to " + MAX_WINDOW
                        + ")");
            }
            int heapHolds = maxWindow();
            if (window != null && window > heapHolds) {
                throw new InvalidSettingException("window", window + " jobs in flight would need about "
                        + megabytes((long) window * BYTES_PER_JOB_IN_FLIGHT * HEAP_SHARE_OF_WINDOW) + " MB of heap, and"
                        + " this JVM has " + megabytes(Runtime.getRuntime().maxMemory()) + " MB: the widest window that"
                        + " fits is " + heapHolds + " (or give the JVM more heap with -Xmx)");
            }
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("max attempts must be at least 1, got " + maxAttempts);
            }
            if (resume != null && journal != null) {
                throw new InvalidSettingException("journal", "a resumed run carries on writing the journal it resumes,"
                        + " '" + resume + "': it cannot keep another");
            }
            return new Estimation(Session.prepare(new Session.Settings(plan, resume, farm, kernel, window, journal,
                    defaultJournals, maxAttempts, listeners)));
        }
    }
}
