package org.dartboard.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.dartboard.cluster.security.ClusterSecurity;

/**
 * How a node is started: validated by the command line before a node is built from it.
 *
 * @param name the node's name in logs and tables, unique in the cluster
 * @param bind the address the node listens on (and only that one)
 * @param clientPort where clients connect (Ignite's thin-client port)
 * @param discoveryPort where nodes find each other
 * @param communicationPort where nodes talk to each other
 * @param cpus how many jobs the node runs at once
 * @param peers discovery endpoints of the other nodes (and this one) to join
 * @param metricsPort where to serve Prometheus metrics, 0 for nowhere
 * @param failureTimeout how long another node may stay silent before it is counted lost (its jobs run
 *     again elsewhere), and how long this node may be cut off from all others before it leaves the
 *     cluster and waits to join again
 * @param security the cluster's secret and TLS, or {@link ClusterSecurity#NONE}
 */
record NodeSettings(String name, String bind, int clientPort, int discoveryPort, int communicationPort,
        int cpus, List<NodeEndpoint> peers, int metricsPort, Duration failureTimeout, ClusterSecurity security) {


    NodeSettings {
        if (cpus < 1) {
            throw new IllegalArgumentException("cpus must be at least 1, got " + cpus);
        }
        peers = List.copyOf(peers);
        Objects.requireNonNull(security, "security");
    }
}
