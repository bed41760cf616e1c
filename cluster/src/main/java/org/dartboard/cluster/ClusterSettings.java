package org.dartboard.cluster;

import java.time.Duration;
import java.util.Objects;
import org.dartboard.cluster.security.ClusterSecurity;

/**
 * How a client uses a cluster.
 *
 * @param nodes where to look for nodes
 * @param connectTimeout how long to look for a first node before giving up
 * @param nodeWaitTimeout how long to wait for a node to come back when every node is gone
 * @param taskTimeout the longest a batch of jobs may take on the cluster before it is counted as lost
 * @param failureTimeout how long the node the client talks to may stay silent before the client counts
 *     it lost, drops the connection (its jobs in flight run again) and connects to the nodes that answer
 * @param security the cluster's secret and TLS, or {@link ClusterSecurity#NONE}
 */
record ClusterSettings(NodePattern nodes, Duration connectTimeout, Duration nodeWaitTimeout,
        Duration taskTimeout, Duration failureTimeout, ClusterSecurity security) {

    ClusterSettings {
        Objects.requireNonNull(security, "security");
    }
}
