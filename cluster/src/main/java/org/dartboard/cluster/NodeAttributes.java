package org.dartboard.cluster;

import java.util.Collection;
import org.apache.ignite.cluster.ClusterNode;

/** Names of the attributes every dartboard node publishes to the cluster and to clients. */
final class NodeAttributes {

    /** The node's dartboard version: client and nodes must match. */
    static final String VERSION = "dartboard.version";
    /** How many jobs the node runs at once. */
    static final String CPUS = "dartboard.cpus";
    /** Where clients reach the node, host:port. */
    static final String CLIENT_ADDRESS = "dartboard.clientAddress";

    private NodeAttributes() {
    }

    /** How many jobs a node runs at once; 1 for a node that does not say (not a dartboard node). */
    static int cpus(ClusterNode node) {
        Integer cpus = node.attribute(CPUS);
        return cpus != null ? cpus : 1;
    }

    /** How many jobs these nodes run at once, together. */
    static int cpus(Collection<ClusterNode> nodes) {
        return nodes.stream().mapToInt(NodeAttributes::cpus).sum();
    }
}
