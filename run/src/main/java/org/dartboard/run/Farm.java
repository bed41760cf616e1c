package org.dartboard.run;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.dartboard.core.JobResult;
import org.dartboard.core.JobSpec;

/**
 * Where jobs run: the one seam between what to compute and where. The local farm runs them on this
 * machine's cores, a cluster farm on server nodes; both run the same job code.
 *
 * <p>A farm must accept a job at any time from any thread and never block in {@link #submit}: the
 * {@link Run}'s window decides how many jobs are in flight, not the farm.
 */
public interface Farm extends AutoCloseable {

    /** What this farm is, in a few words for the report, e.g. {@code local, 8 threads}. */
    String description();

    /** How many jobs it can run at once (threads, or the cpus of all nodes). */
    int workers();

    /**
     * How many jobs a run should keep in flight by default: enough queued work that no worker waits for
     * the next job, even when jobs take microseconds (a window of 8 ran 1-point jobs 5× slower than 64 on
     * 2 cores), and still a few kilobytes of memory.
     */
    default int suggestedWindow() {
        return Math.max(64, 16 * workers());
    }

    /** The name of the kernel that counts the points, for reports. */
    String kernelName();

    /**
     * Starts a job. The future completes with the job's result, or exceptionally with
     * {@link JobLostException} when the worker was lost and the job may be run again elsewhere, or with
     * any other exception for a failure that running again would not cure. Cancelling the future asks the
     * farm to stop the job soon (within one chunk of points).
     */
    CompletableFuture<JobResult> submit(JobSpec job);

    /** Every worker seen so far, including lost ones: the rows of the per-worker table. */
    default List<Worker> workersSeen() {
        return List.of();
    }

    /** Starts telling the listener about workers joining and leaving. A farm whose workers never change ignores it. */
    default void listen(FarmListener listener) {
    }

    /** Stops the workers. Jobs still running are abandoned. */
    @Override
    void close();
}
