package org.dartboard.run;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.dartboard.core.Count;
import org.dartboard.core.Estimate;
import org.dartboard.core.JobPlan;

/**
 * How a run ended: what was counted, whether every job was, where and how fast, and what each worker did.
 * Made by the run; read by reports.
 */
public final class RunOutcome {

    /** Why a run ended. */
    public enum Ending {
        /** Every job of the plan was counted. */
        COMPLETE,
        /** Stopped on request (Ctrl-C) before every job was counted. */
        STOPPED,
        /** A job failed in a way that running it again would not cure. */
        FAILED
    }

    /**
     * One worker's share of a run, like a line of the original's {@code print_status}.
     *
     * @param worker the worker as the farm describes it at the end: {@link Worker#lost()} if it is gone
     * @param jobs jobs it counted (first results only: a duplicate is not its work twice)
     * @param points points of those jobs
     * @param busyNanos time it spent counting them
     * @param lostDuringRun whether it was lost at some moment of the run, even if it came back
     */
    public record WorkerRow(Worker worker, long jobs, BigInteger points, long busyNanos, boolean lostDuringRun) {

        public WorkerRow {
            Objects.requireNonNull(worker, "worker");
            Objects.requireNonNull(points, "points");
        }

        /** Mean seconds per job, 0 without jobs. */
        public double secondsPerJob() {
            return jobs == 0 ? 0 : busyNanos / 1e9 / jobs;
        }

        /** Points per second of busy time, 0 when never busy. */
        public double pointsPerSecond() {
            return busyNanos == 0 ? 0 : points.doubleValue() / (busyNanos / 1e9);
        }
    }

    /**
     * The journal a run kept.
     *
     * @param file where it is
     * @param resumed whether this run carried on the run of an existing journal
     * @param deletedWhenComplete whether it is a default journal, deleted once its run completes
     * @param writtenBy the dartboard version that began it
     * @param droppedBytes bytes of a cut-off end that were left out when a resumed journal was read
     */
    public record JournalInfo(Path file, boolean resumed, boolean deletedWhenComplete, String writtenBy,
            long droppedBytes) {

        public JournalInfo {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(writtenBy, "writtenBy");
        }
    }

    private final RunListener.Start start;
    private final Count count;
    private final Ending ending;
    private final Optional<Throwable> failure;
    private final Duration wallTime;
    private final long retriedJobs;
    private final List<WorkerRow> workers;
    private final List<String> lostWorkers;

    RunOutcome(RunListener.Start start, Count count, Ending ending, Optional<Throwable> failure, Duration wallTime,
            long retriedJobs, List<WorkerRow> workers, List<String> lostWorkers) {
        this.start = Objects.requireNonNull(start, "start");
        this.count = Objects.requireNonNull(count, "count");
        this.ending = Objects.requireNonNull(ending, "ending");
        this.failure = Objects.requireNonNull(failure, "failure");
        this.wallTime = Objects.requireNonNull(wallTime, "wallTime");
        this.retriedJobs = retriedJobs;
        this.workers = List.copyOf(workers);
        this.lostWorkers = List.copyOf(lostWorkers);
    }

    /** The plan that was run. */
    public JobPlan plan() {
        return start.plan();
    }

    /** Exact totals of the jobs counted, those of a resumed run's journal included. */
    public Count count() {
        return count;
    }

    /** The part of {@link #count()} counted before this run started (a resumed run's journal). */
    public Count countedBefore() {
        return start.countedBefore();
    }

    /** Why the run ended. */
    public Ending ending() {
        return ending;
    }

    /** Whether every job of the plan was counted. */
    public boolean isComplete() {
        return ending == Ending.COMPLETE;
    }

    /** What went wrong, when the run {@link Ending#FAILED}. */
    public Optional<Throwable> failure() {
        return failure;
    }

    /** From the first submission to the last result. */
    public Duration wallTime() {
        return wallTime;
    }

    /** How many times a lost job was run again, by the run or by the farm itself. */
    public long retriedJobs() {
        return retriedJobs;
    }

    /** Where the jobs ran, in a few words. */
    public String farm() {
        return start.farm();
    }

    /** How many jobs the farm ran at once when the run started. */
    public int cpus() {
        return start.cpus();
    }

    /** The most jobs that were in flight at once. */
    public int window() {
        return start.window();
    }

    /** The kernel that counted the points: {@code scalar}, {@code vector}, or {@code per node} on a cluster. */
    public String kernel() {
        return start.kernel();
    }

    /** Why that kernel. */
    public String kernelReason() {
        return start.kernelReason();
    }

    /** Every worker of the farm, lost ones included, in the farm's order, with what it did. */
    public List<WorkerRow> workers() {
        return workers;
    }

    /** Names of the workers lost during the run, in the order they were lost, including any that came back. */
    public List<String> lostWorkers() {
        return lostWorkers;
    }

    /** Total busy time of all workers: divided by the wall time, the run's speedup over one worker. */
    public long busyNanos() {
        return workers.stream().mapToLong(WorkerRow::busyNanos).sum();
    }

    /** The journal the run kept, if any. */
    public Optional<JournalInfo> journal() {
        return start.journal();
    }

    /** Whether a journal is left on disk: false without one, or for a default journal of a complete run. */
    public boolean journalKept() {
        return journal().map(journal -> !(isComplete() && journal.deletedWhenComplete())).orElse(false);
    }

    /** The estimate from the jobs counted, empty when none was. */
    public Optional<Estimate> estimate() {
        return count.isEmpty() ? Optional.empty() : Optional.of(Estimate.of(count));
    }

    /** Points counted by this run per second of its wall time; a resumed run's earlier points are not its own. */
    public double pointsPerSecond() {
        double seconds = wallTime.toNanos() / 1e9;
        return seconds > 0 ? count.points().subtract(countedBefore().points()).doubleValue() / seconds : 0;
    }

    /** How many jobs this run counted itself, leaving out those counted before it started. */
    public long jobsCountedNow() {
        return count.jobs() - countedBefore().jobs();
    }

    @Override
    public String toString() {
        return "RunOutcome[" + ending + ", " + count + ", " + farm() + "]";
    }
}
