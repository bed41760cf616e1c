package org.dartboard.run;

import org.dartboard.core.Count;
import org.dartboard.core.JobPlan;
import org.dartboard.core.JobResult;

/**
 * Adds job results by job id, exactly once.
 *
 * <p>A job can report twice: a job thought lost is run again while its first result is still on the way.
 * Both results are the same (the stream is deterministic), and only the first is counted. Thread-safe:
 * farms report from many threads.
 */
final class Tally {

    private final FinishedJobs finished = new FinishedJobs();
    private final ExactSum points = new ExactSum();
    private final ExactSum inside = new ExactSum();
    private long jobs;
    /** Lattice darts only: the plan that says a job's replica, and each replica's totals. */
    private final JobPlan plan;
    private final long[] replicaPoints;
    private final long[] replicaInside;

    /** A tally of random darts: totals only. */
    Tally() {
        this.plan = null;
        this.replicaPoints = new long[0];
        this.replicaInside = new long[0];
    }

    /** A tally of this plan's jobs: for lattice darts it keeps each replica's totals, which its error bar needs. */
    Tally(JobPlan plan) {
        boolean lattice = plan.darts() == JobPlan.Darts.LATTICE;
        this.plan = lattice ? plan : null;
        this.replicaPoints = new long[lattice ? plan.replicas() : 0];
        this.replicaInside = new long[lattice ? plan.replicas() : 0];
    }

    /**
     * Counts a result unless its job was counted already.
     *
     * @return true when counted, false for a duplicate
     */
    synchronized boolean add(JobResult result) {
        if (!finished.add(result.jobId())) {
            return false;
        }
        jobs++;
        points.add(result.points());
        inside.add(result.inside());
        if (plan != null) {
            int replica = plan.replicaOf(result.jobId());
            replicaPoints[replica] += result.points();
            replicaInside[replica] += result.inside();
        }
        return true;
    }

    /** Whether the job with this id has been counted. */
    synchronized boolean isCounted(long jobId) {
        return finished.contains(jobId);
    }

    /** The exact totals so far. */
    synchronized Count count() {
        return new Count(jobs, points.value(), inside.value(), replicaPoints.length == 0 ? Count.Replicas.NONE
                : new Count.Replicas(replicaPoints, replicaInside));
    }

    /** How many finished ids the tally holds beyond its watermark (one bit each): a few windows normally. */
    synchronized int heldIds() {
        return finished.heldAboveWatermark();
    }
}
