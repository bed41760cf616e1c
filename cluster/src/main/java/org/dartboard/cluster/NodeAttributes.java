package org.dartboard.cluster;

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
}
