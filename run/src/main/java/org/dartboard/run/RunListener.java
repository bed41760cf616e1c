package org.dartboard.run;

import java.util.function.LongPredicate;
import org.dartboard.core.Count;
import org.dartboard.core.JobPlan;
import org.dartboard.core.JobResult;
import org.dartboard.core.JobSpec;

/**
 * Receives the events of a run: progress bars, node tables, journals and web views listen here.
 *
 * <p>Methods are called from the farm's threads, one event at a time in the order they happened for a
 * given run; they must return quickly and must not throw.
 */
public interface RunListener {

    /** The run is about to submit its first job. */
    default void started(JobPlan plan, Farm farm, int window) {
    }

    /**
     * The run resumes an earlier one: these jobs were counted before it started and will not run again.
     * Told right after {@link #started}, and only when there are some.
     *
     * @param countedBefore their exact totals
     * @param countedBeforeJob whether the job with a given id is one of them; valid during this call only
     */
    default void resumed(Count countedBefore, LongPredicate countedBeforeJob) {
    }

    /** A job's result was counted; {@code count} is the tally including it. */
    default void jobCounted(JobResult result, Count count) {
    }

    /** A job was lost with its worker and is being run again. */
    default void jobRetried(JobSpec job, int attempt, JobLostException cause) {
    }

    /**
     * The farm ran a job again by itself after its worker was lost (a cluster's failover), without the run
     * sending it again; told before the job is counted, once for each time.
     */
    default void jobRunAgainByFarm(JobSpec job) {
    }

    /** A worker joined the farm during the run. */
    default void workerJoined(Worker worker) {
    }

    /** A worker was lost; {@code jobsRerun} of its jobs were run again elsewhere by the farm itself. */
    default void workerLost(Worker worker, long jobsRerun) {
    }

    /** The run is over, complete or not. */
    default void finished(RunOutcome outcome) {
    }
}
