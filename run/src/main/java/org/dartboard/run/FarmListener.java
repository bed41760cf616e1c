package org.dartboard.run;

import org.dartboard.core.JobSpec;

/** What a farm tells the {@link Run} about its workers coming and going. Called from the farm's threads. */
public interface FarmListener {

    /** A worker joined after the run started; it gets jobs from now on. */
    void workerJoined(Worker worker);

    /**
     * A worker was lost.
     *
     * @param jobsRerun how many jobs it was running that the farm ran again elsewhere by itself (jobs the
     *     farm reports as lost instead are counted by the run when it re-submits them)
     */
    void workerLost(Worker worker, long jobsRerun);

    /**
     * The farm is running a job again by itself, because the worker that had it was lost; told before the
     * job's result, once for each time it is run again. Already counted in a {@link #workerLost}'s jobsRerun.
     */
    void jobRunAgain(JobSpec job);
}
