package org.dartboard.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.dartboard.run.Farms;

/**
 * The jobs submitted and not sent yet, and the rule that takes them out in batches: a batch grows to
 * {@value #MAX_BATCH_JOBS} jobs, or until it holds {@value #MAX_BATCH_POINTS} points. Tiny jobs so cost
 * one round trip per batch rather than per job, jobs of a few million points share the nodes' cost per
 * Ignite job, and big jobs travel alone and spread over the nodes.
 *
 * <p>Concurrency: a concurrent queue; any thread adds jobs, one thread (the dispatcher) takes them out.
 */
final class PendingJobs {

    /** Most jobs in one task: a quarter of the default window, so that four full batches are in flight. */
    static final int MAX_BATCH_JOBS = Farms.CLUSTER_MIN_WINDOW / 4;
    /**
     * A batch stops growing once it holds this many points. A node splits a batch over the cluster's cpus,
     * one Ignite job each, and every Ignite job adds about 2 ms to a run beside its counting
     * (measured on 2 loopback nodes: 64 jobs of 10^7 points took 0.09-0.13 s longer than the local run, 4 jobs
     * of 1.6 * 10^8 no longer, within the noise). At 2^24 points a batch, 64 jobs of 10^7 points took 1.5 times the local run;
     * at 2^28, 1.06 times (bench/cluster-bench). A cpu's share of a full batch, 2^28 points over 4 cpus, is
     * still only 0.1 s of work for this machine's plain loop, so the work stays spread finely over the nodes.
     */
    static final long MAX_BATCH_POINTS = 1L << 28;

    private final BlockingQueue<PendingJob> waiting = new LinkedBlockingQueue<>();

    void add(PendingJob job) {
        waiting.add(job);
    }

    /**
     * The next batch, in the order the jobs came: waits up to {@code waitMillis} for a first job, then takes
     * whatever else is waiting, up to the batch's bounds. Jobs whose future is done already (the run
     * cancelled them) are dropped and count for nothing.
     *
     * @return the batch, empty when no job came in time
     */
    List<PendingJob> nextBatch(long waitMillis) throws InterruptedException {
        List<PendingJob> batch = new ArrayList<>();
        long points = 0;
        PendingJob next = waiting.poll(waitMillis, TimeUnit.MILLISECONDS);
        while (next != null) {
            if (!next.result().isDone()) {
                batch.add(next);
                points += next.job().points();
            }
            next = points < MAX_BATCH_POINTS && batch.size() < MAX_BATCH_JOBS ? waiting.poll() : null;
        }
        return batch;
    }

    /** Every job still waiting, which leaves the queue empty. */
    List<PendingJob> takeAll() {
        List<PendingJob> left = new ArrayList<>();
        waiting.drainTo(left);
        return left;
    }
}
