package org.dartboard.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.ignite.cluster.ClusterNode;
import org.dartboard.run.Farm;
import org.dartboard.run.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nodes a client has seen during a run, up or lost: the rows of the per-node table. It logs and
 * tells the run when a node joins or leaves. Thread-safe: the connection's heartbeat and the answers of
 * tasks, on Ignite's threads, both report.
 */
final class ClusterMembers {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterMembers.class);

    private final Map<String, Worker> byName = new LinkedHashMap<>();
    /** Nodes whose loss with jobs in flight was said, since they last joined: said once, not once a group. */
    private final Set<String> lossSaid = new HashSet<>();
    private volatile Farm.Events listener;

    /** Starts telling a run about changes; before that, changes are only recorded. */
    void listen(Farm.Events listener) {
        this.listener = listener;
    }

    /** Brings the list up to date with the cluster's server nodes now. */
    void update(Collection<ClusterNode> nodes) {
        List<Worker> joined = new ArrayList<>();
        List<Worker> left = new ArrayList<>();
        synchronized (this) {
            List<String> present = new ArrayList<>();
            for (ClusterNode node : nodes) {
                String name = String.valueOf(node.consistentId());
                present.add(name);
                Worker known = byName.get(name);
                if (known == null || known.lost()) {
                    String address = node.attribute(NodeAttributes.CLIENT_ADDRESS);
                    Worker worker = new Worker(name, address, NodeAttributes.cpus(node), false);
                    byName.put(name, worker);
                    lossSaid.remove(name);
                    joined.add(worker);
                }
            }
            for (Worker worker : List.copyOf(byName.values())) {
                if (!worker.lost() && !present.contains(worker.name())) {
                    byName.put(worker.name(), worker.asLost());
                    left.add(worker);
                }
            }
        }
        Farm.Events told = listener;
        if (told != null) {
            for (Worker worker : joined) {
                LOG.info("Node {} at {} joined with {} cpus; it gets jobs from now on", worker.name(),
                        worker.address(), worker.cpus());
                told.workerJoined(worker);
            }
        }
        for (Worker worker : left) {
            LOG.warn("Node {} at {} left the cluster", worker.name(), worker.address());
            if (told != null) {
                told.workerLost(worker);
            }
        }
    }

    /**
     * A node was lost while it ran {@code jobsRerun} jobs of one group, which the cluster ran again elsewhere.
     * Said once for a node: a node lost with many groups in flight reports each of them, and the report's
     * count of retried jobs has their sum.
     */
    void lost(String name, long jobsRerun) {
        Worker lost;
        boolean saidBefore;
        synchronized (this) {
            lost = byName.getOrDefault(name, new Worker(name, "?", 1, false)).asLost();
            byName.put(name, lost);
            saidBefore = !lossSaid.add(name);
        }
        if (saidBefore) {
            LOG.debug("Node {} was lost while running {} more jobs; they were run again on other nodes", name,
                    jobsRerun);
        } else {
            LOG.warn("Node {} was lost while running {}: {} again on other nodes, as does any other job it held"
                    + " (the report counts them all as retried)", name,
                    jobsRerun == 1 ? "1 job" : jobsRerun + " jobs", jobsRerun == 1 ? "it runs" : "they run");
        }
        Farm.Events told = listener;
        if (told != null) {
            told.workerLost(lost);
        }
    }

    /** No node answered within the node-wait timeout: every node still listed as up is gone. */
    void allLost() {
        List<Worker> gone = new ArrayList<>();
        synchronized (this) {
            for (Worker worker : List.copyOf(byName.values())) {
                if (!worker.lost()) {
                    Worker lost = worker.asLost();
                    byName.put(worker.name(), lost);
                    gone.add(lost);
                }
            }
        }
        Farm.Events told = listener;
        for (Worker worker : gone) {
            LOG.warn("Node {} at {} is gone", worker.name(), worker.address());
            if (told != null) {
                told.workerLost(worker);
            }
        }
    }

    /** Every node seen, lost ones included, in the order they were first seen. */
    synchronized List<Worker> seen() {
        return List.copyOf(byName.values());
    }

    /** The nodes up now. */
    synchronized List<Worker> live() {
        return byName.values().stream().filter(worker -> !worker.lost()).toList();
    }

    /** The cpus of the nodes up now. */
    int liveCpus() {
        return live().stream().mapToInt(Worker::cpus).sum();
    }
}
