package org.dartboard.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code dartboard node} JVMs on loopback addresses (127.0.0.x), for the cluster integration tests.
 *
 * <p>Every node uses the same non-default ports, so a test never meets a developer's own nodes on the
 * defaults (10800, 47500, 47100); Linux routes all of 127.0.0.0/8 to loopback, so each address is a
 * "machine" of its own with the same ports. Nodes are named ADDRESS:PORT, the default, which is also how
 * the client's JSON names them. {@link #close} kills whatever is still running.
 */
final class NodeCluster implements AutoCloseable {

    /** Long enough for a JVM and Ignite to start on a busy 2-core machine; a healthy start takes 2–6 s. */
    static final Duration STARTUP = Duration.ofSeconds(60);
    /** Ignite notices a node killed with SIGKILL after its failure detection timeout (10 s by default). */
    static final Duration MEMBERSHIP_CHANGE = Duration.ofSeconds(40);

    private static final Pattern CLUSTER_SIZE = Pattern.compile("cluster has (\\d+) nodes?");

    private final String peers;
    private final int clientPort;
    private final int discoveryPort;
    private final int communicationPort;
    private final Map<String, DartboardProcess> nodes = new LinkedHashMap<>();

    /**
     * @param peers the {@code --peers} pattern every node gets, e.g. {@code 127.0.0.2-4}
     */
    NodeCluster(String peers, int clientPort, int discoveryPort, int communicationPort) {
        this.peers = peers;
        this.clientPort = clientPort;
        this.discoveryPort = discoveryPort;
        this.communicationPort = communicationPort;
    }

    /** The node's name, as its log lines and the client's JSON give it. */
    String name(String address) {
        return address + ":" + clientPort;
    }

    /** A {@code --nodes} pattern for the client: {@code hosts} (a range, list or wildcard) at the client port. */
    String pattern(String hosts) {
        return hosts + ":" + clientPort;
    }

    /**
     * Starts a 1-cpu node with a 256 MB heap on {@code address} without waiting for it; a node killed
     * before may be started again on the same address.
     *
     * @param jvmOptions extra JVM options, e.g. a version override
     */
    DartboardProcess start(String address, String... jvmOptions) {
        return start(address, List.of(), jvmOptions);
    }

    /**
     * As {@link #start(String, String...)}, with more {@code dartboard node} options, e.g. a secret and TLS.
     *
     * @param nodeOptions options added to the node's command line
     */
    DartboardProcess start(String address, List<String> nodeOptions, String... jvmOptions) {
        return startWithPrefix(List.of(), address, nodeOptions, jvmOptions);
    }

    /** Starts a node through a command prefix, e.g. inside a network namespace; see {@link #start}. */
    DartboardProcess startWithPrefix(List<String> prefix, String address, List<String> nodeOptions,
            String... jvmOptions) {
        DartboardProcess running = nodes.get(address);
        if (running != null && running.isAlive()) {
            throw new IllegalStateException("a node already runs on " + address);
        }
        List<String> options = new ArrayList<>(List.of("-Xmx256m"));
        options.addAll(List.of(jvmOptions));
        List<String> args = new ArrayList<>(List.of("node",
                "--bind", address,
                "--port", String.valueOf(clientPort),
                "--discovery-port", String.valueOf(discoveryPort),
                "--communication-port", String.valueOf(communicationPort),
                "--peers", peers,
                "--cpus", "1"));
        args.addAll(nodeOptions);
        DartboardProcess node = DartboardProcess.startWithPrefix(prefix, Map.of(), options, args.toArray(String[]::new));
        nodes.put(address, node);
        return node;
    }

    /** Waits for the node's "ready" line: it has joined its cluster and accepts clients. */
    void awaitReady(String address) throws InterruptedException {
        String ready = "Node " + name(address) + " ready";
        node(address).awaitStderr("'" + ready + "' on stderr", log -> log.contains(ready), STARTUP);
    }

    /** Starts nodes on all the addresses at once (they start faster together), then waits for each. */
    void startAndAwaitReady(String... addresses) throws InterruptedException {
        for (String address : addresses) {
            start(address);
        }
        for (String address : addresses) {
            awaitReady(address);
        }
    }

    /**
     * Waits until the node's latest membership line says the cluster has {@code size} nodes. Nodes that
     * start together may each be "ready" before they have all met; a run must not start before that.
     */
    void awaitClusterSize(String address, int size) throws InterruptedException {
        node(address).awaitStderr("a line 'cluster has " + size + " nodes' from " + name(address),
                log -> latestClusterSize(log) == size, MEMBERSHIP_CHANGE);
    }

    /** kill -9: the node vanishes without a goodbye, as a machine that loses power does. */
    void kill(String address) throws InterruptedException {
        node(address).kill();
    }

    DartboardProcess node(String address) {
        DartboardProcess node = nodes.get(address);
        if (node == null) {
            throw new IllegalStateException("no node was started on " + address);
        }
        return node;
    }

    @Override
    public void close() throws InterruptedException {
        // Every node is killed even if waiting for one is interrupted: no JVM may outlive the tests.
        InterruptedException interrupted = null;
        for (DartboardProcess node : nodes.values()) {
            try {
                node.close();
            } catch (InterruptedException stillKilled) {
                interrupted = stillKilled;
            }
        }
        nodes.clear();
        if (interrupted != null) {
            throw interrupted;
        }
    }

    /** Whether a node was started on the address and still runs. */
    boolean isRunning(String address) {
        DartboardProcess node = nodes.get(address);
        return node != null && node.isAlive();
    }

    /** The size the log's latest membership line gives, -1 when it has none. */
    static int latestClusterSize(String log) {
        Matcher matcher = CLUSTER_SIZE.matcher(log);
        int size = -1;
        while (matcher.find()) {
            size = Integer.parseInt(matcher.group(1));
        }
        return size;
    }
}
