package org.dartboard.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.client.IgniteClient;
import org.dartboard.core.JobResult;
import org.dartboard.core.JobSpec;
import org.dartboard.run.DartboardVersion;
import org.dartboard.run.Farm;
import org.dartboard.run.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs on dartboard nodes through Ignite's thin client: outbound connections only, no cluster
 * membership for the client, a start in well under a second.
 *
 * <p>Jobs submitted by the run wait in a queue; one dispatcher thread sends whatever is waiting as one
 * {@link CountTask} (up to {@value PendingJobs#MAX_BATCH_JOBS} jobs or about
 * {@value PendingJobs#MAX_BATCH_POINTS} points),
 * so tiny jobs cost one round trip per batch rather than per job. When the node the client talks to
 * goes away, the batches it held fail as {@link JobLostException} and the run sends them again; the
 * {@link NodeConnection} meanwhile finds another node, or waits up to the node-wait timeout for one to
 * come back.
 */
final class ClusterFarm implements Farm {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterFarm.class);
    private static final long POLL_MILLIS = 100;

    private final ClusterSettings settings;
    private final String version = DartboardVersion.current();
    private final PendingJobs waiting = new PendingJobs();
    private final TaskSlots slots = new TaskSlots();
    private final ClusterMembers members;
    private final NodeConnection connection;
    private volatile Farm.Events listener;
    private final Thread dispatcher;
    private volatile boolean closed;

    private ClusterFarm(ClusterSettings settings, ClusterMembers members, NodeConnection connection) {
        this.settings = settings;
        this.members = members;
        this.connection = connection;
        this.dispatcher = new Thread(this::dispatch, "dartboard-dispatcher");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    /**
     * Finds nodes matching the settings' pattern and connects to them.
     *
     * @throws ClusterUnavailableException when no node answers within the connect timeout, or the nodes
     *     run another dartboard version
     */
    static ClusterFarm connect(ClusterSettings settings) {
        ClusterMembers members = new ClusterMembers();
        ClusterFarm farm = new ClusterFarm(settings, members, NodeConnection.open(settings, members));
        List<Worker> live = farm.members.live();
        LOG.info("Connected to {} {} with {} cpus: {}", live.size(), live.size() == 1 ? "node" : "nodes",
                farm.cpus(), live.stream()
                        .map(worker -> worker.name() + " (" + worker.cpus() + " cpus)").toList());
        return farm;
    }

    @Override
    public String description() {
        int live = members.live().size();
        return "cluster of " + live + (live == 1 ? " node" : " nodes") + " at " + settings.nodes().text();
    }

    /** The cpus of the nodes up now: what the dispatcher fills, and what a joining node adds to. */
    @Override
    public int cpus() {
        return members.liveCpus();
    }

    @Override
    public List<Worker> workers() {
        return members.seen();
    }

    @Override
    public void listen(Farm.Events listener) {
        this.listener = listener;
        members.listen(listener);
    }

    @Override
    public CompletableFuture<JobResult> submit(JobSpec job) {
        CompletableFuture<JobResult> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new IllegalStateException("the cluster farm is closed"));
        } else {
            waiting.add(new PendingJob(job, result));
        }
        return result;
    }

    @Override
    public void close() {
        closed = true;
        dispatcher.interrupt();
        join(dispatcher);
        waiting.takeAll().forEach(pending -> pending.result().cancel(false));
        connection.close();
    }

    // ---- sending batches ----

    private void dispatch() {
        try {
            while (!closed) {
                // A task slot first, then the batch: jobs that arrive while every slot is taken join it.
                if (!slots.take(members.liveCpus(), POLL_MILLIS)) {
                    continue;
                }
                List<PendingJob> batch = waiting.nextBatch(POLL_MILLIS);
                IgniteClient connected = batch.isEmpty() ? null : connectedClient(batch);
                if (connected == null) {
                    slots.release();
                    continue;
                }
                send(connected, batch);
            }
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
        }
    }

    /** The client to send this batch with, or null when there is none and the batch has failed for good. */
    private IgniteClient connectedClient(List<PendingJob> batch) {
        try {
            return connection.clientToSendWith();
        } catch (ClusterUnavailableException gone) {
            if (closed) {
                batch.forEach(pending -> pending.result().cancel(false));
            } else {
                giveUp(batch, gone);
            }
            return null;
        }
    }

    private void send(IgniteClient connected, List<PendingJob> batch) {
        List<JobSpec> jobs = batch.stream().map(PendingJob::job).toList();
        CompletableFuture<Object[]> answer;
        try {
            answer = connected.compute().withTimeout(settings.taskTimeout().toMillis())
                    .<Object, Object[]>executeAsync2(CountTask.class.getName(), WireFormat.request(version, jobs))
                    .toCompletableFuture();
        } catch (RuntimeException refused) {
            answer = CompletableFuture.failedFuture(refused);
        }
        answer.whenComplete((result, failure) -> {
            slots.release();
            settle(connected, batch, result, failure);
        });
    }

    private void settle(IgniteClient sentWith, List<PendingJob> batch, Object[] answer, Throwable failure) {
        if (failure == null) {
            try {
                deliver(batch, WireFormat.decodeAnswer(answer));
            } catch (RuntimeException garbled) {
                batch.forEach(pending -> pending.result().completeExceptionally(garbled));
            }
            return;
        }
        Throwable cause = unwrap(failure);
        String message = String.valueOf(cause.getMessage());
        if (message.contains(WireFormat.VERSION_MISMATCH)) {
            String reason = message.substring(message.indexOf(WireFormat.VERSION_MISMATCH));
            batch.forEach(pending -> pending.result().completeExceptionally(new ClusterUnavailableException(reason)));
            return;
        }
        connection.taskFailed(sentWith, cause, batch.size());
        LOG.debug("A batch of {} jobs was lost: {}", batch.size(), cause.toString());
        Farm.JobLostException lost = new Farm.JobLostException(settings.nodes().text(), cause.toString());
        batch.forEach(pending -> pending.result().completeExceptionally(lost));
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
                settings.nodes().text(), "the cluster answered without job " + pending.job().id())));
        for (int loss = 0; loss < answer.lostNodes().size(); loss++) {
            members.lost(answer.lostNodes().get(loss), answer.jobsRerun().get(loss));
        }
    }

    /** No node to send to: this batch and every job still waiting fail for good, which ends the run. */
    private void giveUp(List<PendingJob> batch, ClusterUnavailableException gone) {
        LOG.error("{}", gone.getMessage());
        batch.forEach(pending -> pending.result().completeExceptionally(gone));
        waiting.takeAll().forEach(pending -> pending.result().completeExceptionally(gone));
    }

    // ---- small helpers ----

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof CancellationException ? failure : cause;
    }

    private static void join(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
