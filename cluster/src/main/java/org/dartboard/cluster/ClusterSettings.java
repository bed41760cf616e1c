package org.dartboard.cluster;

import java.time.Duration;

/**
 * How a client uses a cluster.
 *
 * @param nodes where to look for nodes
 * @param connectTimeout how long to look for a first node before giving up
 * @param nodeWaitTimeout how long to wait for a node to come back when every node is gone
 * @param taskTimeout the longest a batch of jobs may take on the cluster before it is counted as lost
 */
public record ClusterSettings(NodePattern nodes, Duration connectTimeout, Duration nodeWaitTimeout,
        Duration taskTimeout) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_NODE_WAIT_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_TASK_TIMEOUT = Duration.ofHours(1);
}
