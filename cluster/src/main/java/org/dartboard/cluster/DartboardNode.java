package org.dartboard.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.dartboard.cluster.security.ClusterSecurity;
import org.dartboard.run.Farms;
import org.dartboard.run.InvalidSettingException;

/**
 * A dartboard server node: an Apache Ignite server that runs dartboard jobs for clients (and nothing else),
 * joins the other nodes it is told of, logs the cluster's life in plain words, and rejoins them by itself
 * after a network cut. Clients reach it with {@code Farms.cluster("ADDRESS")}.
 *
 * <pre>{@code
 * DartboardNode node = DartboardNode.builder().bind("192.168.1.12").secret(secret).build();
 * node.start();
 * node.runUntilStopped();   // until node.stop(), from a shutdown hook say
 * }</pre>
 *
 * <p>Ignite reads a few switches from system properties when its classes load, so a program that starts a
 * node sets {@link #SYSTEM_PROPERTIES} first, at its entry point; the {@code dartboard} command does. This
 * class sets none: a library must not change its JVM.
 */
public final class DartboardNode implements AutoCloseable {

    /** The port clients connect to unless told otherwise. */
    public static final int DEFAULT_CLIENT_PORT = 10800;
    /** The port nodes find each other on unless told otherwise. */
    public static final int DEFAULT_DISCOVERY_PORT = 47500;
    /** The port nodes talk to each other on unless told otherwise. */
    public static final int DEFAULT_COMMUNICATION_PORT = 47100;
    /** The most jobs a node may run at once. */
    public static final int MAX_CPUS = Farms.MAX_THREADS;
    /** The longest name a node may have. */
    public static final int MAX_NAME_LENGTH = 100;

    /**
     * Ignite's switches that a program running a node (or a cluster client) should set before Ignite's classes
     * load: no phoning home, no banner, no performance hints, Ignite's start-up summary through the log rather
     * than on standard output, IPv4 sockets (Ignite's discovery mixes badly with IPv6 on many LANs), and no
     * secret-marked fields in Ignite's descriptions of objects, and no thread dumps in the log when Ignite meets a
     * failure (pages of them, where the node's one line says what happened).
     */
    public static final Map<String, String> SYSTEM_PROPERTIES = Map.of(
            "IGNITE_UPDATE_NOTIFIER", "false",
            "IGNITE_NO_ASCII", "true",
            "IGNITE_QUIET", "false",
            "IGNITE_PERFORMANCE_SUGGESTIONS_DISABLED", "true",
            "java.net.preferIPv4Stack", "true",
            "IGNITE_TO_STRING_INCLUDE_SENSITIVE", "false",
            "IGNITE_DUMP_THREADS_ON_FAILURE", "false");

    private final NodeSettings settings;
    private volatile NodeSupervisor supervisor;

    private DartboardNode(NodeSettings settings) {
        this.settings = settings;
    }

    /** A node on 127.0.0.1 (this machine only) with the default ports, all cores, and no secret. */
    public static Builder builder() {
        return new Builder();
    }

    /** The node's name in logs and tables. */
    public String name() {
        return settings.name();
    }

    /** The address it listens on. */
    public String bind() {
        return settings.bind();
    }

    /**
     * Starts the node and returns once it has joined its cluster (or formed a new one).
     *
     * @throws IllegalStateException when it cannot start: the address or a port is in use, or the cluster
     *     refused it (wrong or missing secret, TLS on one side only); the message says which, in one line; or
     *     when it was started before
     */
    public void start() {
        synchronized (this) {
            if (supervisor != null) {
                throw new IllegalStateException("node " + name() + " was started already");
            }
            try {
                supervisor = new NodeSupervisor(settings);
            } catch (NodeRefusedException refused) {
                throw new IllegalStateException(refused.getMessage(), refused);
            } catch (RuntimeException failed) {
                // Ignite's own words are deep in the chain, and pages long: its first line says it.
                throw new IllegalStateException(firstLineOfRoot(failed), failed);
            }
        }
    }

    private static String firstLineOfRoot(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.toString();
        return message.lines().findFirst().orElse(message);
    }

    /**
     * Keeps the node in its cluster until {@link #stop()}: through network cuts, after which it joins the
     * others again by itself.
     *
     * @throws IllegalStateException when Ignite stopped the node after a failure of its own, or the cluster
     *     refused it when it tried to join again
     */
    public void runUntilStopped() throws InterruptedException {
        NodeSupervisor running = supervisor;
        if (running == null) {
            throw new IllegalStateException("node " + name() + " was not started");
        }
        running.superviseUntilStopped();
    }

    /** Stops the node for good; safe from a shutdown hook, and a no-op for a node not started. */
    public void stop() {
        NodeSupervisor running = supervisor;
        if (running != null) {
            running.stop();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** A node's settings, each optional; checked together by {@link #build()}. */
    public static final class Builder {

        private String name;
        private String bind = "127.0.0.1";
        private int port = DEFAULT_CLIENT_PORT;
        private int discoveryPort = DEFAULT_DISCOVERY_PORT;
        private int communicationPort = DEFAULT_COMMUNICATION_PORT;
        private int cpus = Runtime.getRuntime().availableProcessors();
        private String peers;
        private Integer metricsPort;
        private Duration failureTimeout = Farms.DEFAULT_FAILURE_TIMEOUT;
        private String secret;
        private Path tls;

        private Builder() {
        }

        /** The node's name in logs and tables, unique in the cluster. Default: {@code ADDRESS:PORT}. */
        public Builder name(String nodeName) {
            this.name = Objects.requireNonNull(nodeName, "name");
            return this;
        }

        /** The address to listen on (and only that one), such as {@code 192.168.1.12}. */
        public Builder bind(String address) {
            this.bind = Objects.requireNonNull(address, "bind");
            return this;
        }

        /** The port clients connect to. */
        public Builder port(int clientPort) {
            this.port = clientPort;
            return this;
        }

        /** The port nodes find each other on. */
        public Builder discoveryPort(int value) {
            this.discoveryPort = value;
            return this;
        }

        /** The port nodes talk to each other on. */
        public Builder communicationPort(int value) {
            this.communicationPort = value;
            return this;
        }

        /** How many jobs run at once, from 1 to {@value DartboardNode#MAX_CPUS}. Default: all cores. */
        public Builder cpus(int jobsAtOnce) {
            this.cpus = jobsAtOnce;
            return this;
        }

        /**
         * The other nodes to join, at their discovery port: a pattern such as {@code 192.168.1.*}. Default:
         * every address of the bind address's /24.
         */
        public Builder peers(String pattern) {
            this.peers = Objects.requireNonNull(pattern, "peers");
            return this;
        }

        /** Serve Prometheus metrics at http://ADDRESS:PORT/metrics. Default: none. */
        public Builder metricsPort(int value) {
            this.metricsPort = value;
            return this;
        }

        /**
         * How long another node may stay silent before it is counted lost, and this node cut off from all
         * others before it leaves the cluster to join again: the same on every node.
         */
        public Builder failureTimeout(Duration timeout) {
            this.failureTimeout = Objects.requireNonNull(timeout, "failureTimeout");
            return this;
        }

        /** The cluster's secret, one line; nodes and clients without it are refused. */
        public Builder secret(String text) {
            this.secret = Objects.requireNonNull(text, "secret");
            return this;
        }

        /** Mutual TLS with this machine's PKCS12 key store, whose password is the secret. */
        public Builder tls(Path keyStore) {
            this.tls = Objects.requireNonNull(keyStore, "tls");
            return this;
        }

        /**
         * Checks every setting; the node is not started yet.
         *
         * @throws InvalidSettingException for the first setting that cannot be used
         */
        public DartboardNode build() {
            requirePort("port", port);
            requirePort("discovery-port", discoveryPort);
            requirePort("communication-port", communicationPort);
            if (metricsPort != null) {
                requirePort("metrics", metricsPort);
            }
            requireDistinctPorts();
            if (cpus < 1 || cpus > MAX_CPUS) {
                throw new InvalidSettingException("cpus", cpus + " is out of range (allowed: 1 to " + MAX_CPUS + ")");
            }
            if (name != null && (name.isBlank() || name.length() > MAX_NAME_LENGTH)) {
                throw new InvalidSettingException("name", "'" + name + "' (allowed: 1 to " + MAX_NAME_LENGTH
                        + " characters)");
            }
            if (failureTimeout.compareTo(Farms.MIN_FAILURE_TIMEOUT) < 0
                    || failureTimeout.compareTo(Farms.MAX_FAILURE_TIMEOUT) > 0) {
                throw new InvalidSettingException("failure-timeout", failureTimeout.toMillis()
                        + " ms is out of range (allowed: " + Farms.FAILURE_TIMEOUT_RANGE + ")");
            }
            // The bind address first: the default peers are made from it.
            try {
                NodePattern.parse(bind, port);
            } catch (IllegalArgumentException malformed) {
                throw new InvalidSettingException("bind", malformed.getMessage());
            }
            NodePattern peerPattern;
            try {
                peerPattern = NodePattern.parse(peers != null ? peers : defaultPeers(bind), discoveryPort);
            } catch (IllegalArgumentException malformed) {
                throw new InvalidSettingException("peers", malformed.getMessage());
            }
            return new DartboardNode(new NodeSettings(name != null ? name : bind + ":" + port, bind, port,
                    discoveryPort, communicationPort, cpus, peerPattern.endpoints(), metricsPort != null ? metricsPort : 0,
                    failureTimeout, ClusterSecurity.of(secret, tls)));
        }

        /** The /24 of an IPv4 address (192.168.1.12 → 192.168.1.*), else the address itself. */
        static String defaultPeers(String bind) {
            if (bind.matches("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) {
                return bind.substring(0, bind.lastIndexOf('.')) + ".*";
            }
            return bind;
        }

        /**
         * Each port is a listener of its own; Ignite, given one port twice, fails deep in its start with a
         * trace instead of saying which two settings collide.
         */
        private void requireDistinctPorts() {
            Map<Integer, String> settingOfPort = new LinkedHashMap<>();
            settingOfPort.put(port, "port");
            for (Map.Entry<String, Integer> other : otherPorts().entrySet()) {
                String first = settingOfPort.putIfAbsent(other.getValue(), other.getKey());
                if (first != null) {
                    throw new InvalidSettingException(other.getKey(), other.getValue() + " is already the --" + first
                            + "; each of a node's ports must be different");
                }
            }
        }

        private Map<String, Integer> otherPorts() {
            Map<String, Integer> ports = new LinkedHashMap<>();
            ports.put("discovery-port", discoveryPort);
            ports.put("communication-port", communicationPort);
            if (metricsPort != null) {
                ports.put("metrics", metricsPort);
            }
            return ports;
        }

        private static void requirePort(String setting, int value) {
            if (value < 1 || value > 65_535) {
                throw new InvalidSettingException(setting, value + " is out of range (allowed: 1 to 65535)");
            }
        }
    }
}
