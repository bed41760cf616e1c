package org.dartboard.core;

/**
 * What a worker reports for one job.
 *
 * @param jobId the job's id in its plan
 * @param points how many points were counted
 * @param inside how many of them landed inside the quarter circle
 * @param worker who ran it, for statistics only (a thread or node name)
 * @param startedAtMillis wall-clock start, epoch milliseconds
 * @param busyNanos time the worker spent counting
 */
public record JobResult(long jobId, long points, long inside, String worker, long startedAtMillis, long busyNanos) {

    public JobResult {
        if (jobId < 0) {
            throw new IllegalArgumentException("job id must be >= 0, got " + jobId);
        }
        if (inside < 0 || points < 1 || Long.compareUnsigned(inside, points) > 0) {
            throw new IllegalArgumentException(
                    "job " + jobId + " reported " + inside + " inside of " + points + " points");
        }
    }
}
