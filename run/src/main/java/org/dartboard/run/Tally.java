package org.dartboard.run;

import org.dartboard.core.Count;
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
        return true;
    }

    /** Whether the job with this id has been counted. */
    synchronized boolean isCounted(long jobId) {
        return finished.contains(jobId);
    }

    /** The exact totals so far. */
    synchronized Count count() {
        return new Count(jobs, points.value(), inside.value());
    }

    /** How many finished ids the tally holds beyond its watermark (one bit each): a few windows normally. */
    synchronized int heldIds() {
        return finished.heldAboveWatermark();
    }
}
