package org.dartboard.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.dartboard.core.JobResult;
import org.dartboard.run.Farm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a task's answer, or its failure, into the outcome of each job of its batch: its result; a
 * {@link Farm.JobLostException}, so that the run sends it again; or a failure that ends the run. Tells the
 * run of the jobs the cluster ran again, before their results, and the members of the nodes lost meanwhile.
 *
 * <p>Concurrency: called on Ignite's threads, several batches at once; each call touches only its own
 * batch's futures and the members, which are thread-safe. The run's listener is published through a
 * volatile field.
 */
final class BatchSettler {

    private static final Logger LOG = LoggerFactory.getLogger(BatchSettler.class);

    private final String nodes;
    private final ClusterMembers members;
    private volatile Farm.Events listener;

    /**
     * @param nodes the node pattern as the user gave it: the worker a lost job is blamed on
     */
    BatchSettler(String nodes, ClusterMembers members) {
        this.nodes = nodes;
        this.members = members;
    }

    /** Starts telling a run about the jobs the cluster ran again. */
    void listen(Farm.Events listener) {
        this.listener = listener;
    }

    /** The task was answered: each job gets its result, or is lost if the answer lacks it. */
    void answered(List<PendingJob> batch, Object answer) {
        try {
            deliver(batch, WireFormat.decodeAnswer(answer));
        } catch (RuntimeException garbled) {
            batch.forEach(pending -> pending.result().completeExceptionally(garbled));
        }
    }

    /**
     * The task failed: a node of another version ends the run; anything else loses the batch's jobs,
     * which the run sends again.
     *
     * @param cause the failure, unwrapped by {@link #causeOf}
     */
    void failed(List<PendingJob> batch, Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        if (message.contains(WireFormat.VERSION_MISMATCH)) {
            String reason = message.substring(message.indexOf(WireFormat.VERSION_MISMATCH));
            batch.forEach(pending -> pending.result().completeExceptionally(new ClusterUnavailableException(reason)));
            return;
        }
        LOG.debug("A batch of {} jobs was lost: {}", batch.size(), cause.toString());
        Farm.JobLostException lost = new Farm.JobLostException(nodes, cause.toString());
        batch.forEach(pending -> pending.result().completeExceptionally(lost));
    }

    /** What went wrong, from the wrappers a future's failure comes in; a cancellation stays as it came. */
    static Throwable causeOf(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof CancellationException ? failure : cause;
    }

    private void deliver(List<PendingJob> batch, WireFormat.Answer answer) {
        Map<Long, PendingJob> byId = new LinkedHashMap<>();
        batch.forEach(pending -> byId.put(pending.job().id(), pending));
        Farm.Events told = listener;
        if (told != null) {
            // Before the results: whoever logs a job's attempts must know of its re-runs when it is counted.
            for (long id : answer.rerunJobIds()) {
                PendingJob rerun = byId.get(id);
                if (rerun != null) {
                    told.jobRunAgain(rerun.job(), "run again by the cluster after its node was lost");
                }
            }
        }
        for (JobResult result : answer.results()) {
            PendingJob pending = byId.remove(result.jobId());
            if (pending != null) {
                pending.result().complete(result);
            }
        }
        byId.values().forEach(pending -> pending.result().completeExceptionally(new Farm.JobLostException(
                nodes, "the cluster answered without job " + pending.job().id())));
        for (int loss = 0; loss < answer.lostNodes().size(); loss++) {
            members.lost(answer.lostNodes().get(loss), answer.jobsRerun().get(loss));
        }
    }
}
