package org.dartboard.run;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.dartboard.core.Count;
import org.dartboard.core.Estimate;
import org.dartboard.core.JobPlan;

/**
 * How a run ended: what was counted, whether every job was, and how long it took.
 *
 * @param plan the plan that was run
 * @param count exact totals of the jobs counted
 * @param ending why the run ended
 * @param failure what went wrong, when {@code ending} is {@link Ending#FAILED}
 * @param wallTime from the first submission to the last result
 * @param retriedJobs how many times a lost job was sent again, by the run or by the farm itself
 * @param farmDescription the farm that ran the jobs, for reports
 * @param kernelName the kernel that counted the points
 * @param workers how many jobs the farm ran at once
 * @param window the most jobs that were in flight at once
 * @param workersSeen every worker of the farm, lost ones included
 * @param countedBefore the part of {@code count} counted before this run started (a resumed run's
 *     journal), {@link Count#NONE} for a fresh run
 */
public record RunOutcome(
        JobPlan plan,
        Count count,
        Ending ending,
        Optional<Throwable> failure,
        Duration wallTime,
        long retriedJobs,
        String farmDescription,
        String kernelName,
        int workers,
        int window,
        List<Worker> workersSeen,
        Count countedBefore) {

    /** Why a run ended. */
    public enum Ending {
        /** Every job of the plan was counted. */
        COMPLETE,
        /** Stopped on request (Ctrl-C) before every job was counted. */
        STOPPED,
        /** A job failed in a way that running it again would not cure. */
        FAILED
    }

    public RunOutcome {
        workersSeen = List.copyOf(workersSeen);
    }

    /** Whether every job of the plan was counted. */
    public boolean isComplete() {
        return ending == Ending.COMPLETE;
    }

    /** The estimate from the jobs counted, empty when none was. */
    public Optional<Estimate> estimate() {
        return count.isEmpty() ? Optional.empty() : Optional.of(Estimate.of(count));
    }

    /** Points counted by this run per second of its wall time; a resumed run's earlier points are not its own. */
    public double pointsPerSecond() {
        double seconds = wallTime.toNanos() / 1e9;
        return seconds > 0 ? count.points().subtract(countedBefore.points()).doubleValue() / seconds : 0;
    }

    /** How many jobs this run counted itself, leaving out those counted before it started. */
    public long jobsCountedNow() {
        return count.jobs() - countedBefore.jobs();
    }
}
