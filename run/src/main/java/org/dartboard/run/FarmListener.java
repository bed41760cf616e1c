package org.dartboard.run;

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
}
