package org.dartboard.cluster;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.client.IgniteClient;
import org.dartboard.core.JobResult;
import org.dartboard.core.JobSpec;
import org.dartboard.run.DartboardVersion;
import org.dartboard.run.Farm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the jobs the run submits to the nodes in batches, each batch as one {@link CountTask} through the
 * connection's current client, and has each answer settled. A dispatcher thread takes a task slot first,
 * then whatever is waiting as one batch: jobs that arrive while every slot is taken join the next batch.
 * When no node comes back within the node-wait timeout, the batch and every job still waiting fail for
 * good, which ends the run.
 *
 * <p>Concurrency: no lock and no shared field that changes but the closing flag. Threads hand work on
 * through thread-safe hand-offs only: the run's threads put jobs in {@link PendingJobs}; the dispatcher
 * thread alone takes them out, takes {@link TaskSlots} and sends; Ignite's threads give the slot back and
 * complete the batch's futures. Closing sets a volatile flag and interrupts the dispatcher.
 */
final class BatchDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchDispatcher.class);
    /** How long the dispatcher waits for a slot or a job before it looks at the cpus and the flag again. */
    private static final long POLL_MILLIS = 100;

    private final NodeConnection connection;
    private final ClusterMembers members;
    private final BatchSettler settler;
    private final long taskTimeoutMillis;
    private final String version = DartboardVersion.current();
    private final PendingJobs pending = new PendingJobs();
    private final TaskSlots slots = new TaskSlots();
    private final Thread dispatcher = new Thread(this::dispatch, "dartboard-dispatcher");
    private volatile boolean closed;

    private BatchDispatcher(ClusterSettings settings, NodeConnection connection, ClusterMembers members) {
        this.connection = connection;
        this.members = members;
        this.settler = new BatchSettler(settings.nodes().text(), members);
        this.taskTimeoutMillis = settings.taskTimeout().toMillis();
        dispatcher.setDaemon(true);
    }

    /** Starts a dispatcher that sends through {@code connection}, with task slots for the members' cpus. */
    static BatchDispatcher start(ClusterSettings settings, NodeConnection connection, ClusterMembers members) {
        BatchDispatcher started = new BatchDispatcher(settings, connection, members);
        started.dispatcher.start();
        return started;
    }

    /** Starts telling a run about the jobs the cluster ran again. */
    void listen(Farm.Events listener) {
        settler.listen(listener);
    }

    /** Queues a job for the next batch; never blocks. */
    CompletableFuture<JobResult> submit(JobSpec job) {
        CompletableFuture<JobResult> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new IllegalStateException("the cluster farm is closed"));
        } else {
            pending.add(new PendingJob(job, result));
        }
        return result;
    }

    /** Stops sending; the jobs still waiting are cancelled, and tasks in flight are left to the connection. */
    @Override
    public void close() {
        closed = true;
        dispatcher.interrupt();
        try {
            dispatcher.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        pending.takeAll().forEach(job -> job.result().cancel(false));
    }

    private void dispatch() {
        try {
            while (!closed) {
                if (!slots.take(members.liveCpus(), POLL_MILLIS)) {
                    continue;
                }
                List<PendingJob> batch = pending.nextBatch(POLL_MILLIS);
                IgniteClient client = batch.isEmpty() ? null : clientFor(batch);
                if (client == null) {
                    slots.release();
                } else {
                    send(client, batch);
                }
            }
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
        }
    }

    /** The client to send this batch with, or null when there is none and the batch has ended for good. */
    private IgniteClient clientFor(List<PendingJob> batch) {
        try {
            return connection.clientToSendWith();
        } catch (ClusterUnavailableException gone) {
            if (closed) {
                batch.forEach(job -> job.result().cancel(false));
            } else {
                giveUp(batch, gone);
            }
            return null;
        }
    }

    private void send(IgniteClient client, List<PendingJob> batch) {
        List<JobSpec> jobs = batch.stream().map(PendingJob::job).toList();
        CompletableFuture<Object[]> answer;
        try {
            answer = client.compute().withTimeout(taskTimeoutMillis)
                    .<Object, Object[]>executeAsync2(CountTask.class.getName(), WireFormat.request(version, jobs))
                    .toCompletableFuture();
        } catch (RuntimeException refused) {
            answer = CompletableFuture.failedFuture(refused);
        }
        answer.whenComplete((result, failure) -> {
            slots.release();
            if (failure == null) {
                settler.answered(batch, result);
            } else {
                Throwable cause = BatchSettler.causeOf(failure);
                connection.taskFailed(client, cause, batch.size());
                settler.failed(batch, cause);
            }
        });
    }

    /** No node to send to: this batch and every job still waiting fail for good, which ends the run. */
    private void giveUp(List<PendingJob> batch, ClusterUnavailableException gone) {
        LOG.error("{}", gone.getMessage());
        batch.forEach(job -> job.result().completeExceptionally(gone));
        pending.takeAll().forEach(job -> job.result().completeExceptionally(gone));
    }
}
