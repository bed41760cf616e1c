package org.dartboard.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a node in its cluster for as long as {@code dartboard node} runs, through network cuts.
 *
 * <p>A node cut off from the others (its cable pulled, not its power) counts them all failed after the
 * failure timeout, as they count it; the others run its jobs again. Ignite 2.x then leaves it as a
 * cluster of one, and two clusters never merge by themselves. So the supervisor watches for that: a node
 * that has had company and is now alone probes the other nodes' discovery ports, and when one answers
 * (the cut is mended) it stops and starts again, which joins it to their cluster. The same happens when
 * Ignite itself stops the node as segmented.
 */
final class NodeSupervisor {

    private static final Logger LOG = LoggerFactory.getLogger(NodeSupervisor.class);
    private static final Duration PEER_PROBE_TIMEOUT = Duration.ofMillis(500);
    private static final int PEER_PROBE_PARALLELISM = 16;

    private final NodeSettings settings;
    private final List<NodeEndpoint> otherNodes;
    private final Duration checkInterval;
    private final NodeProbe probe = new NodeProbe(PEER_PROBE_TIMEOUT, PEER_PROBE_PARALLELISM);
    private volatile IgniteNode current;
    private volatile boolean stopping;

    /** Starts the node; a node that cannot start at all fails here, with Ignite's reason. */
    NodeSupervisor(NodeSettings settings) {
        this.settings = settings;
        NodeEndpoint self = new NodeEndpoint(settings.bind(), settings.discoveryPort());
        this.otherNodes = settings.peers().stream().filter(peer -> !peer.equals(self)).toList();
        this.checkInterval = settings.failureTimeout();
        this.current = IgniteNode.start(settings);
    }

    /**
     * Runs until {@link #stop} is called, starting the node again each time it has been cut off and can
     * reach another node again.
     *
     * @throws IllegalStateException when Ignite stopped the node after a failure of its own
     */
    void superviseUntilStopped() throws InterruptedException {
        boolean hadCompany = false;
        int aloneChecks = 0;
        while (true) {
            Optional<IgniteNode.Ending> ending = current.awaitEnding(checkInterval);
            if (ending.isEmpty()) {
                int size = clusterSizeOrZero();
                hadCompany |= size > 1;
                // Twice in a row, so a node that is just joining it is not mistaken for another cluster.
                aloneChecks = hadCompany && size == 1 && anotherNodeAnswers() ? aloneChecks + 1 : 0;
                if (aloneChecks < 2) {
                    continue;
                }
                LOG.warn("Node {} is alone in its cluster while another node answers: it was cut off from"
                        + " the others, which ran its jobs again; it joins them again", settings.name());
            } else if (stopping || ending.get() == IgniteNode.Ending.CLOSED) {
                current.close();
                return;
            } else if (ending.get() == IgniteNode.Ending.FAILED) {
                String failure = current.failure();
                current.close();
                throw new IllegalStateException("node " + settings.name() + " stopped after a failure it could not"
                        + " recover from" + (failure != null ? " (" + failure + ")" : "") + "; start it again to rejoin"
                        + " the cluster (a service manager does)");
            } else {
                LOG.warn("Node {} was cut off from the other nodes for more than {} s: they ran its jobs again;"
                        + " it joins them again as soon as one answers", settings.name(), checkInterval.toSeconds());
                while (!anotherNodeAnswers()) {
                    if (stopping) {
                        return;
                    }
                    Thread.sleep(checkInterval.toMillis());
                }
            }
            if (!restart()) {
                return;
            }
            hadCompany = false;
            aloneChecks = 0;
        }
    }

    /** Stops the node for good; safe from a shutdown hook. */
    void stop() {
        IgniteNode running;
        synchronized (this) {
            stopping = true;
            running = current;
        }
        running.close();
    }

    /** Stops the node and starts a new one, which joins the nodes that answer; false when stopped meanwhile. */
    private boolean restart() {
        current.close();
        if (stopping) {
            return false;
        }
        IgniteNode restarted = IgniteNode.start(settings);
        synchronized (this) {
            current = restarted;
            if (stopping) {
                restarted.close();
                return false;
            }
        }
        return true;
    }

    private int clusterSizeOrZero() {
        try {
            return current.clusterSize();
        } catch (RuntimeException stopped) {
            return 0;
        }
    }

    private boolean anotherNodeAnswers() {
        return !otherNodes.isEmpty() && !probe.reachable(otherNodes).isEmpty();
    }
}
