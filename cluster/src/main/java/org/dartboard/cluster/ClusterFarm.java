package org.dartboard.cluster;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.dartboard.core.JobResult;
import org.dartboard.core.JobSpec;
import org.dartboard.run.Farm;
import org.dartboard.run.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs on dartboard nodes through Ignite's thin client: outbound connections only, no cluster
 * membership for the client, a start in well under a second.
 *
 * <p>A facade over three parts with one job each: the {@link NodeConnection} finds the nodes, watches them
 * and replaces the client after a connection problem; the {@link BatchDispatcher} sends the jobs in batches
 * through it and settles the answers, so tiny jobs cost one round trip per batch rather than per job; the
 * {@link ClusterMembers} keep the nodes seen, for the report and the run's events. When the node the client
 * talks to goes away, the batches it held fail as {@link JobLostException} and the run sends them again;
 * the connection meanwhile finds another node, or waits up to the node-wait timeout for one to come back.
 */
final class ClusterFarm implements Farm {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterFarm.class);

    private final String nodes;
    private final ClusterMembers members;
    private final NodeConnection connection;
    private final BatchDispatcher dispatcher;

    private ClusterFarm(String nodes, ClusterMembers members, NodeConnection connection,
            BatchDispatcher dispatcher) {
        this.nodes = nodes;
        this.members = members;
        this.connection = connection;
        this.dispatcher = dispatcher;
    }

    /**
     * Finds nodes matching the settings' pattern and connects to them.
     *
     * @throws ClusterUnavailableException when no node answers within the connect timeout, or the nodes
     *     run another dartboard version
     */
    static ClusterFarm connect(ClusterSettings settings) {
        ClusterMembers members = new ClusterMembers();
        NodeConnection connection = NodeConnection.open(settings, members);
        ClusterFarm farm = new ClusterFarm(settings.nodes().text(), members, connection,
                BatchDispatcher.start(settings, connection, members));
        List<Worker> live = members.live();
        LOG.info("Connected to {} {} with {} cpus: {}", live.size(), live.size() == 1 ? "node" : "nodes",
                farm.cpus(), live.stream()
                        .map(worker -> worker.name() + " (" + worker.cpus() + " cpus)").toList());
        return farm;
    }

    @Override
    public String description() {
        int live = members.live().size();
        return "cluster of " + live + (live == 1 ? " node" : " nodes") + " at " + nodes;
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
        dispatcher.listen(listener);
        members.listen(listener);
    }

    @Override
    public CompletableFuture<JobResult> submit(JobSpec job) {
        return dispatcher.submit(job);
    }

    /** The dispatcher first, so that nothing is sent through a connection being closed. */
    @Override
    public void close() {
        dispatcher.close();
        connection.close();
    }
}
