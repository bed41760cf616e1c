package org.dartboard.run;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.dartboard.core.JobResult;
import org.dartboard.core.JobSpec;

/**
 * Where jobs run: the one seam between what to compute and where. The local farm of this package runs
 * them on this machine's cores, the cluster farm of {@code org.dartboard.cluster} on server nodes; both run
 * the same job code.
 *
 * <p>This is the interface farms implement, not one that users call: a user chooses a farm with
 * {@link Farms}, and an {@link Estimation} opens it, drives it and closes it. Listeners never see it
 * either; they get read-only snapshots ({@link RunListener.Start}, {@link Worker}).
 *
 * <p>A farm must accept a job at any time from any thread and never block in {@link #submit}: the run's
 * window decides how many jobs are in flight, not the farm.
 */
public interface Farm extends AutoCloseable {

    /** What this farm is, in a few words for the report, e.g. {@code local, 8 threads}. */
    String description();

    /** How many jobs it can run at once now: its threads, or the cpus of the nodes that are up. */
    int cpus();

    /**
     * Starts a job. The future completes with the job's result, or exceptionally with
     * {@link JobLostException} when the worker was lost and the job may be run again elsewhere, or with
     * any other exception for a failure that running again would not cure. Cancelling the future asks the
     * farm to stop the job soon (within one chunk of points).
     */
    CompletableFuture<JobResult> submit(JobSpec job);

    /** Every worker seen so far, including lost ones: the rows of the per-worker table. */
    List<Worker> workers();

    /**
     * Starts telling the run about workers joining and leaving, and about jobs the farm runs again by
     * itself. A farm whose workers never change and that never re-runs a job ignores it.
     */
    default void listen(Events events) {
    }

    /** Stops the workers. Jobs still running are abandoned. */
    @Override
    void close();

    /** What a farm tells the run about its workers and its own re-runs. Called from the farm's threads. */
    interface Events {

        /** A worker joined after the run started; it gets jobs from now on. */
        void workerJoined(Worker worker);

        /** A worker left or was lost. */
        void workerLost(Worker worker);

        /**
         * The farm is running a job again by itself, because the worker that had it was lost (a cluster's
         * failover), without the run sending it again. Told before the job's result, once for each time.
         *
         * @param why in a few words, for the run's listeners
         */
        void jobRunAgain(JobSpec job, String why);
    }

    /**
     * The worker running a job went away before it answered (a node died or left). The job's result is
     * unknown, so the run sends it again; the run's tally ignores the second result if the first arrives too.
     */
    class JobLostException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final String worker;

        public JobLostException(String worker, String message) {
            super(message);
            this.worker = worker;
        }

        /** The worker that was lost. */
        public String worker() {
            return worker;
        }
    }

    /**
     * Opens the farms of {@link Farms#cluster}: provided by the cluster module, found with
     * {@link java.util.ServiceLoader}, so that a program that runs locally needs neither that module nor
     * its engine on its class path.
     */
    interface Connector {

        /**
         * Checks a cluster's settings before anything starts (the node pattern's syntax, the secret, the
         * key store).
         *
         * @throws InvalidSettingException naming the setting, the value and what is allowed
         */
        void validate(Farms.Cluster cluster);

        /**
         * Finds the nodes and connects to them.
         *
         * @throws RuntimeException when no node answers in time, or the nodes refuse this client; the
         *     message says what was tried and what to do
         */
        Farm connect(Farms.Cluster cluster);
    }
}
