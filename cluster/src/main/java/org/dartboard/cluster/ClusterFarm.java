package org.dartboard.cluster;

import java.time.Duration;
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
import org.apache.ignite.Ignition;
import org.apache.ignite.client.ClientConnectionException;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.configuration.ClientConfiguration;
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
 * farm meanwhile finds another node, or waits up to the node-wait timeout for one to come back.
 *
 * <p>The client talks to one node at a time (Ignite's partition awareness, which opens a connection to
 * every node, is off: no data here has partitions), and a watcher asks that node for the cluster's
 * members every second: the client's heartbeat. A node that does not answer within the failure timeout
 * (cut off by the network, not closed, so no socket error ever comes) has its connection closed, which
 * fails its tasks at once so that their jobs run again elsewhere.
 */
final class ClusterFarm implements Farm {

    /** Most jobs in one task: a quarter of the default window, so that four full batches are in flight. */
    static final int MAX_BATCH_JOBS = Farms.CLUSTER_MIN_WINDOW / 4;
    /** A batch stops growing past this many points: big jobs travel alone and spread over the nodes. */
    static final long MAX_BATCH_POINTS = 1L << 24;

    private static final Logger LOG = LoggerFactory.getLogger(ClusterFarm.class);
    private static final long POLL_MILLIS = 100;
    private static final long WATCH_MILLIS = 1000;
    private static final int MAX_TASKS_IN_FLIGHT = 1024;
    /**
     * Tasks in flight per cpu: enough to hide the round trips (2 made runs 1.5x slower than local), few
     * enough that work waits in the client, where a node that joins late can still get it.
     */
    private static final int TASKS_PER_CPU = 4;
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);
    private static final int PROBE_PARALLELISM = 64;

    private final ClusterSettings settings;
    private final String version = DartboardVersion.current();
    private final NodeProbe probe = new NodeProbe(PROBE_TIMEOUT, PROBE_PARALLELISM);
    private final BlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
    /** Tasks sent and not yet answered; bounded by the cpus alive now, so work waits here, not in node queues. */
    private final Object taskAnswered = new Object();
    private int tasksInFlight;
    private final ClusterMembers members = new ClusterMembers();
    private volatile Farm.Events listener;
    private final Thread dispatcher;
    private final Thread watcher;

    private volatile IgniteClient client;
    private volatile boolean connectionSuspect;
    private final List<IgniteClient> retiredClients = new ArrayList<>();
    private long jobsLostWithConnection;
    private volatile boolean closed;

    private ClusterFarm(ClusterSettings settings, IgniteClient client) {
        this.settings = settings;
        this.client = client;
        members.update(client.cluster().forServers().nodes());
        this.dispatcher = new Thread(this::dispatch, "dartboard-dispatcher");
        this.watcher = new Thread(this::watch, "dartboard-watcher");
        dispatcher.setDaemon(true);
        watcher.setDaemon(true);
        dispatcher.start();
        watcher.start();
    }

    /**
     * Finds nodes matching the settings' pattern and connects to them.
     *
     * @throws ClusterUnavailableException when no node answers within the connect timeout, or the nodes
     *     run another dartboard version
     */
    static ClusterFarm connect(ClusterSettings settings) {
        IgniteClient client = findNodes(settings, new NodeProbe(PROBE_TIMEOUT, PROBE_PARALLELISM),
                settings.connectTimeout());
        if (client == null) {
            throw new ClusterUnavailableException("no dartboard node answered at " + describe(settings.nodes())
                    + " within " + seconds(settings.connectTimeout()) + "; start one there with"
                    + " 'dartboard node --bind ADDRESS', or check the pattern and --connect-timeout");
        }
        ClusterFarm farm = new ClusterFarm(settings, client);
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
        watcher.interrupt();
        join(dispatcher);
        join(watcher);
        List<Pending> left = new ArrayList<>();
        waiting.drainTo(left);
        left.forEach(pending -> pending.result().cancel(false));
        synchronized (this) {
            retiredClients.forEach(ClusterFarm::closeQuietly);
        }
        closeQuietly(client);
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
            IgniteClient connected = usableClient();
            if (connected == null) {
                giveUp(batch, new ClusterUnavailableException("every node at " + describe(settings.nodes())
                        + " was lost and none came back within " + seconds(settings.nodeWaitTimeout())));
            }
            return connected;
        } catch (RuntimeException refused) {
            giveUp(batch, new ClusterUnavailableException(refused.getMessage()));
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
        // Only the current connection's failures call for a new one: a retired client's tasks failing
        // later must not make the farm drop a connection that works.
        if (isConnectionProblem(cause) && sentWith == client) {
            synchronized (this) {
                if (!connectionSuspect) {
                    LOG.warn("Lost the connection to the cluster ({}); its jobs in flight will run again",
                            cause.getMessage());
                }
                connectionSuspect = true;
                jobsLostWithConnection += batch.size();
            }
        }
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

    // ---- finding nodes ----

    /** The client to send with; after a connection problem, a new one to whichever nodes answer now. */
    private IgniteClient usableClient() {
        if (!connectionSuspect) {
            return client;
        }
        LOG.info("Looking for nodes at {} (waiting up to {})", settings.nodes().text(),
                seconds(settings.nodeWaitTimeout()));
        IgniteClient replacement = findNodes(settings, probe, settings.nodeWaitTimeout());
        if (replacement == null) {
            members.allLost();
            return null;
        }
        long lost;
        synchronized (this) {
            // Closed at the end, not now: tasks it still carries to live nodes may yet answer.
            retiredClients.add(client);
            client = replacement;
            connectionSuspect = false;
            lost = jobsLostWithConnection;
            jobsLostWithConnection = 0;
        }
        members.update(replacement.cluster().forServers().nodes());
        LOG.info("Connected again to {} nodes; {} jobs lost with the old connection run again",
                members.live().size(), lost);
        return replacement;
    }

    /**
     * Probes the pattern until a node answers or the time is up, then connects to every node that
     * answered and checks their versions. Null when none answered in time.
     */
    private static IgniteClient findNodes(ClusterSettings settings, NodeProbe probe, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            List<NodeEndpoint> answering = probe.reachable(settings.nodes().endpoints());
            if (!answering.isEmpty()) {
                IgniteClient client = startClient(settings, answering);
                try {
                    requireSameVersion(client);
                    return client;
                } catch (RuntimeException refused) {
                    closeQuietly(client);
                    throw refused;
                }
            }
            sleep(Math.min(500, Math.max(0, (deadline - System.nanoTime()) / 1_000_000)));
        } while (System.nanoTime() < deadline);
        return null;
    }

    /** A thin client to the nodes that answered, or a failure that says why they would not have it. */
    private static IgniteClient startClient(ClusterSettings settings, List<NodeEndpoint> answering) {
        ClientConfiguration configuration = new ClientConfiguration()
                .setAddresses(answering.stream().map(NodeEndpoint::toString).toArray(String[]::new))
                .setPartitionAwarenessEnabled(false)
                .setHandshakeTimeout(millis(settings.connectTimeout()))
                .setRequestTimeout(millis(settings.failureTimeout()));
        settings.security().configureClient(configuration);
        try {
            return Ignition.startClient(configuration);
        } catch (RuntimeException refused) {
            String why = settings.security().explainConnectFailure(refused, describe(settings.nodes()));
            if (why != null) {
                throw new ClusterUnavailableException(why);
            }
            // Something listens there, but it does not speak as a dartboard node: another program's port.
            throw new ClusterUnavailableException(answering.stream().map(NodeEndpoint::toString).toList()
                    + " accepted a connection but did not answer as a dartboard node (" + firstLine(refused)
                    + "); check the port in the pattern: nodes take clients on " + DartboardNode.DEFAULT_CLIENT_PORT
                    + " unless started with --port");
        }
    }

    private static void requireSameVersion(IgniteClient client) {
        String mine = DartboardVersion.current();
        for (ClusterNode node : client.cluster().forServers().nodes()) {
            String theirs = node.attribute(NodeAttributes.VERSION);
            if (!mine.equals(theirs)) {
                throw new ClusterUnavailableException(WireFormat.VERSION_MISMATCH + ": this client runs dartboard "
                        + mine + " and node " + node.consistentId() + " runs " + theirs
                        + "; run the same version everywhere");
            }
        }
    }

    // ---- watching nodes come and go ----

    private void watch() {
        while (!closed) {
            try {
                Thread.sleep(WATCH_MILLIS);
                IgniteClient watched = client;
                if (!connectionSuspect) {
                    try {
                        members.update(watched.cluster().forServers().nodes());
                    } catch (RuntimeException silent) {
                        dropSilentConnection(watched, silent);
                    }
                }
            } catch (InterruptedException closing) {
                return;
            }
        }
    }

    /**
     * The node the client talks to gave no answer within the failure timeout (a request timed out, or the
     * connection broke): close the connection, which fails every task it carries, so their jobs run again
     * on the nodes that answer; the dispatcher connects to those before it sends anything more.
     */
    private void dropSilentConnection(IgniteClient silent, RuntimeException why) {
        synchronized (this) {
            if (silent != client || connectionSuspect) {
                return;
            }
            connectionSuspect = true;
        }
        LOG.warn("The node this client talks to did not answer within {} ({}); its jobs in flight will run again"
                + " on the nodes that answer", seconds(settings.failureTimeout()), why.getMessage());
        closeQuietly(silent);
    }

    // ---- small helpers ----

    private static boolean isConnectionProblem(Throwable cause) {
        for (Throwable at = cause; at != null; at = at.getCause()) {
            if (at instanceof ClientConnectionException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof CancellationException ? failure : cause;
    }

    private static String firstLine(Throwable failure) {
        String message = failure.getMessage() != null ? failure.getMessage() : failure.toString();
        return message.lines().findFirst().orElse(message);
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }

    private static String describe(NodePattern nodes) {
        int count = nodes.endpoints().size();
        return nodes.text() + " (" + count + (count == 1 ? " address)" : " addresses)");
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(IgniteClient client) {
        try {
            client.close();
        } catch (RuntimeException alreadyBroken) {
            LOG.debug("Closing an old client connection failed: {}", alreadyBroken.toString());
        }
    }

    /** A job waiting to be sent, with the future the run waits on. */
    private record Pending(JobSpec job, CompletableFuture<JobResult> result) {
    }
}
