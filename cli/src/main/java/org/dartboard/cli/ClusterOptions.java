package org.dartboard.cli;

import java.time.Duration;
import org.dartboard.cluster.DartboardNode;
import org.dartboard.run.Farms;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options of {@code run} that choose a cluster of nodes instead of the local cores, and how to use it. */
final class ClusterOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--nodes", paramLabel = "PATTERN",
            description = "Run the jobs on dartboard nodes instead of local cores: a pattern such as"
                    + " '192.168.1.*', a range 192.168.1.10-17, or a list of hosts, each optionally with :PORT"
                    + " (default port " + DartboardNode.DEFAULT_CLIENT_PORT + "). Start nodes with 'dartboard node'.")
    private String nodes;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to look for a first node before giving up, from " + Farms.CONNECT_TIMEOUT_RANGE
                    + ". Default: "
                    + Farms.DEFAULT_CONNECT_TIMEOUT_SECONDS + "s.")
    private Duration connectTimeout = Farms.DEFAULT_CONNECT_TIMEOUT;

    @Option(names = "--node-wait", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "When every node is lost, how long to wait for one to come back before stopping with"
                    + " the partial estimate. Default: " + Farms.DEFAULT_NODE_WAIT_SECONDS + "s.")
    private Duration nodeWait = Farms.DEFAULT_NODE_WAIT;

    @Option(names = "--failure-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With --nodes: how long the node this client talks to may stay silent before the client"
                    + " counts it lost, runs its jobs again on the other nodes and talks to them instead, from "
                    + Farms.FAILURE_TIMEOUT_RANGE + ". Default: " + Farms.DEFAULT_FAILURE_TIMEOUT_SECONDS + "s.")
    private Duration failureTimeout = Farms.DEFAULT_FAILURE_TIMEOUT;

    @Mixin
    private SecurityOptions security;

    /** Whether the run goes to nodes. */
    boolean onNodes() {
        return nodes != null;
    }

    /**
     * Checks the options that make sense only with {@code --nodes}, and those that make no sense with it.
     *
     * @param threadsTyped whether {@code --threads} was typed, which only a local run takes
     */
    void validate(boolean threadsTyped) {
        if (nodes == null) {
            if (spec.commandLine().getParseResult().hasMatchedOption("--failure-timeout")) {
                throw usage("--failure-timeout applies to runs on nodes (--nodes) only");
            }
            if (security.given()) {
                throw usage("--secret-file and --tls apply to cluster runs only (with --nodes); a local run uses no"
                        + " network");
            }
            return;
        }
        if (threadsTyped) {
            throw usage("--threads applies to local runs only; with --nodes, each node's --cpus decides");
        }
    }

    /** The cluster of --nodes, with its timeouts and its security. */
    Farms.Cluster cluster() {
        Farms.Cluster cluster = Farms.cluster(nodes).connectTimeout(connectTimeout).nodeWait(nodeWait)
                .failureTimeout(failureTimeout);
        String secret = security.secret(spec.commandLine());
        if (secret != null) {
            cluster = cluster.secret(secret);
        }
        if (security.tlsKeyStore() != null) {
            cluster = cluster.tls(security.tlsKeyStore());
        }
        return cluster;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
