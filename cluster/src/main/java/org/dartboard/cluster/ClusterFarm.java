package org.dartboard.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.client.IgniteClient;
import org.dartboard.core.JobResult;
import org.dartboard.core.JobSpec;
import org.dartboard.run.DartboardVersion;
import org.dartboard.run.Farm;
import org.dartboard.run.Farms;
import org.dartboard.run.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs on dartboard nodes through Ignite's thin client: outbound connections only, no cluster
 * membership for the client, a start in well under a second.
 *
 * <p>Jobs submitted by the run wait in a queue; one dispatcher thread sends whatever is waiting as one
 * {@link CountTask} (up to {@value #MAX_BATCH_JOBS} jobs or about {@value #MAX_BATCH_POINTS} points),
 * so tiny jobs cost one round trip per batch rather than per job. When the node the client talks to
 * goes away, the batches it held fail as {@link JobLostException} and the run sends them again; the
 * {@link NodeConnection} meanwhile finds another node, or waits up to the node-wait timeout for one to
 * come back.
 */
final class ClusterFarm implements Farm {

    /** Most jobs in one task: a quarter of the default window, so that four full batches are in flight. */
    static final int MAX_BATCH_JOBS = Farms.CLUSTER_MIN_WINDOW / 4;
    /** A batch stops growing past this many points: big jobs travel alone and spread over the nodes. */
    static final long MAX_BATCH_POINTS = 1L << 24;

    private static final Logger LOG = LoggerFactory.getLogger(ClusterFarm.class);
    private static final long POLL_MILLIS = 100;
    private static final int MAX_TASKS_IN_FLIGHT = 1024;
    /**
     * Tasks in flight per cpu: enough to hide the round trips (2 made runs 1.5x slower than local), few
     * enough that work waits in the client, where a node that joins late can still get it.
     */
    private static final int TASKS_PER_CPU = 4;

    private final ClusterSettings settings;
    private final String version = DartboardVersion.current();
    private final BlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
    /** Tasks sent and not yet answered; bounded by the cpus alive now, so work waits here, not in node queues. */
    private final Object taskAnswered = new Object();
    private int tasksInFlight;
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
            waiting.add(new Pending(job, result));
        }
        return result;
    }

    @Override
    public void close() {
        closed = true;
        dispatcher.interrupt();
        join(dispatcher);
        List<Pending> left = new ArrayList<>();
        waiting.drainTo(left);
        left.forEach(pending -> pending.result().cancel(false));
        connection.close();
    }

    // ---- sending batches ----

    private void dispatch() {
        try {
            // Take a task slot first, then the batch: jobs that arrive while the slots are full join it.
            while (awaitTaskSlot()) {
                List<Pending> batch = nextBatch();
                IgniteClient connected = batch.isEmpty() ? null : connectedClient(batch);
                if (connected == null) {
                    releaseTaskSlot();
                    continue;
                }
                send(connected, batch);
            }
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
        }
    }

    /** The client to send this batch with, or null when there is none and the batch has failed for good. */
    private IgniteClient connectedClient(List<Pending> batch) {
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

    /** Waits until fewer tasks are in flight than the live cpus allow; false when the farm closes. */
    private boolean awaitTaskSlot() throws InterruptedException {
        while (!closed) {
            int limit = Math.min(MAX_TASKS_IN_FLIGHT, Math.max(2, TASKS_PER_CPU * members.liveCpus()));
            synchronized (taskAnswered) {
                if (tasksInFlight < limit) {
                    tasksInFlight++;
                    return true;
                }
                taskAnswered.wait(POLL_MILLIS);
            }
        }
        return false;
    }

    private void releaseTaskSlot() {
        synchronized (taskAnswered) {
            tasksInFlight--;
            taskAnswered.notifyAll();
        }
    }

    private List<Pending> nextBatch() throws InterruptedException {
        Pending first = waiting.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        List<Pending> batch = new ArrayList<>();
        long points = 0;
        for (Pending next = first; next != null; next = points < MAX_BATCH_POINTS && batch.size() < MAX_BATCH_JOBS
                ? waiting.poll() : null) {
            if (!next.result().isDone()) {
                batch.add(next);
                points += next.job().points();
            }
        }
        return batch;
    }

    private void send(IgniteClient connected, List<Pending> batch) {
        List<JobSpec> jobs = batch.stream().map(Pending::job).toList();
        CompletableFuture<Object[]> answer;
        try {
            answer = connected.compute().withTimeout(settings.taskTimeout().toMillis())
                    .<Object, Object[]>executeAsync2(CountTask.class.getName(), WireFormat.request(version, jobs))
                    .toCompletableFuture();
        } catch (RuntimeException refused) {
            answer = CompletableFuture.failedFuture(refused);
        }
        answer.whenComplete((result, failure) -> {
            releaseTaskSlot();
            settle(connected, batch, result, failure);
        });
    }

    private void settle(IgniteClient sentWith, List<Pending> batch, Object[] answer, Throwable failure) {
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

    private void deliver(List<Pending> batch, WireFormat.Answer answer) {
        Map<Long, Pending> byId = new LinkedHashMap<>();
        batch.forEach(pending -> byId.put(pending.job().id(), pending));
        Farm.Events told = listener;
        if (told != null) {
            // Before the results: whoever logs a job's attempts must know of its re-runs when it is counted.
            for (long id : answer.rerunJobIds()) {
                Pending rerun = byId.get(id);
                if (rerun != null) {
                    told.jobRunAgain(rerun.job(), "run again by the cluster after its node was lost");
                }
            }
        }
        for (JobResult result : answer.results()) {
            Pending pending = byId.remove(result.jobId());
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
    private void giveUp(List<Pending> batch, ClusterUnavailableException gone) {
        LOG.error("{}", gone.getMessage());
        batch.forEach(pending -> pending.result().completeExceptionally(gone));
        List<Pending> left = new ArrayList<>();
        waiting.drainTo(left);
        left.forEach(pending -> pending.result().completeExceptionally(gone));
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

    /** A job waiting to be sent, with the future the run waits on. */
    private record Pending(JobSpec job, CompletableFuture<JobResult> result) {
    }
}
