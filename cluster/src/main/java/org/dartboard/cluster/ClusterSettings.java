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
public record ClusterSettings(NodePattern nodes, Duration connectTimeout, Duration nodeWaitTimeout,
        Duration taskTimeout, Duration failureTimeout, ClusterSecurity security) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_NODE_WAIT_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_TASK_TIMEOUT = Duration.ofHours(1);
    /** The same as a node's default, and Ignite's own failure detection timeout. */
    public static final Duration DEFAULT_FAILURE_TIMEOUT = Duration.ofSeconds(10);

    public ClusterSettings {
        Objects.requireNonNull(security, "security");
    }
}
