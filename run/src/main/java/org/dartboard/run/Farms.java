package org.dartboard.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an {@link Estimation} runs its jobs: {@link #local()} on this machine's cores (the default, no setup
 * at all), or {@link #cluster} on dartboard nodes found by an address pattern. Each is an immutable value
 * whose settings are checked when the estimation is built, and which is started only when it runs.
 *
 * <p>The limits and defaults here are the only copy: the command line's help text is made from them.
 */
public final class Farms {

    /** The most threads a local farm may have. */
    public static final int MAX_THREADS = 4096;

    /**
     * Jobs kept in flight per cpu by default: enough queued work that no worker waits for the next job, even
     * when jobs take microseconds (a window of 8 ran 1-point jobs 5× slower than 64 on 2 cores), and still a
     * few kilobytes of memory.
     */
    public static final int WINDOW_PER_CPU = 16;
    /** The smallest default window of a local run. */
    public static final int LOCAL_MIN_WINDOW = 64;
    /**
     * The smallest default window of a cluster run: round trips cost far more than memory there, so four full
     * batches of the cluster farm's 256 jobs are kept in flight.
     */
    public static final int CLUSTER_MIN_WINDOW = 1024;

    /** How long a client looks for a first node by default, in seconds (a constant, for help texts). */
    public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;
    /** {@link #DEFAULT_CONNECT_TIMEOUT_SECONDS} as a duration. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(DEFAULT_CONNECT_TIMEOUT_SECONDS);
    /** The shortest connect timeout: under a second, a busy machine's handshake would count as no node. */
    public static final Duration MIN_CONNECT_TIMEOUT = Duration.ofSeconds(1);
    /** The longest connect timeout: over an hour, a mistyped pattern would hold the terminal for that long. */
    public static final Duration MAX_CONNECT_TIMEOUT = Duration.ofHours(1);
    /** The connect timeout's range as people write it. */
    public static final String CONNECT_TIMEOUT_RANGE = "1s to 1h";
    /** How long a client waits for a node to come back, by default, when every node is gone, in seconds. */
    public static final int DEFAULT_NODE_WAIT_SECONDS = 60;
    /** {@link #DEFAULT_NODE_WAIT_SECONDS} as a duration. */
    public static final Duration DEFAULT_NODE_WAIT = Duration.ofSeconds(DEFAULT_NODE_WAIT_SECONDS);
    /**
     * How long a node may stay silent before it is counted lost, in seconds: the same default for nodes and
     * clients, and Ignite's own.
     */
    public static final int DEFAULT_FAILURE_TIMEOUT_SECONDS = 10;
    /** {@link #DEFAULT_FAILURE_TIMEOUT_SECONDS} as a duration. */
    public static final Duration DEFAULT_FAILURE_TIMEOUT = Duration.ofSeconds(DEFAULT_FAILURE_TIMEOUT_SECONDS);
    /** The shortest failure timeout: under a second, a busy machine's pause would count a healthy node lost. */
    public static final Duration MIN_FAILURE_TIMEOUT = Duration.ofSeconds(1);
    /** The longest failure timeout: over an hour, a dead node would hold its jobs for an hour. */
    public static final Duration MAX_FAILURE_TIMEOUT = Duration.ofHours(1);
    /** The failure timeout's range as people write it. */
    public static final String FAILURE_TIMEOUT_RANGE = "1s to 1h";
    /** The longest a batch of jobs may take on a cluster before it is counted lost and run again. */
    public static final Duration TASK_TIMEOUT = Duration.ofHours(1);
    /** The longest secret, in characters: a secret is one line, not a file of any size. */
    public static final int MAX_SECRET_LENGTH = 1024;

    private Farms() {
    }

    /** A farm of one thread per core of this machine. */
    public static Local local() {
        return new Local(Runtime.getRuntime().availableProcessors());
    }

    /**
     * A farm of the dartboard nodes at {@code nodes}: a pattern such as {@code 192.168.1.*}, a range
     * {@code 192.168.1.10-17}, or a comma-separated list of hosts, each optionally with {@code :PORT}. Needs
     * the {@code dartboard-cluster} module on the class path.
     */
    public static Cluster cluster(String nodes) {
        return new Cluster(Objects.requireNonNull(nodes, "nodes"), null, null, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_NODE_WAIT, DEFAULT_FAILURE_TIMEOUT);
    }

    /** One of the two kinds of farm. */
    public sealed interface Spec permits Local, Cluster {
    }

    /** This machine's cores. */
    public static final class Local implements Spec {

        private final int threads;

        private Local(int threads) {
            this.threads = threads;
        }

        /** The same farm with this many threads: jobs run at once, from 1 to {@value Farms#MAX_THREADS}. */
        public Local threads(int count) {
            return new Local(count);
        }

        /** How many jobs run at once. */
        public int threads() {
            return threads;
        }

        void validate() {
            if (threads < 1 || threads > MAX_THREADS) {
                throw new InvalidSettingException("threads", threads + " is out of range (allowed: 1 to "
                        + MAX_THREADS + ")");
            }
        }

        @Override
        public String toString() {
            return "local, " + threads + (threads == 1 ? " thread" : " threads");
        }
    }

    /**
     * Dartboard nodes on other machines, reached with Ignite's thin client. Nodes and clients of one cluster
     * must share the same secret (or none) and all use TLS or none.
     */
    public static final class Cluster implements Spec {

        private final String nodes;
        private final String secret;
        private final Path tls;
        private final Duration connectTimeout;
        private final Duration nodeWait;
        private final Duration failureTimeout;

        private Cluster(String nodes, String secret, Path tls, Duration connectTimeout, Duration nodeWait,
                Duration failureTimeout) {
            this.nodes = nodes;
            this.secret = secret;
            this.tls = tls;
            this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
            this.nodeWait = Objects.requireNonNull(nodeWait, "nodeWait");
            this.failureTimeout = Objects.requireNonNull(failureTimeout, "failureTimeout");
        }

        /**
         * The same cluster, proving this secret to its nodes (one line of up to {@value Farms#MAX_SECRET_LENGTH}
         * characters; the whitespace around it is dropped). The secret never crosses the network.
         */
        public Cluster secret(String text) {
            return new Cluster(nodes, Objects.requireNonNull(text, "secret"), tls, connectTimeout, nodeWait,
                    failureTimeout);
        }

        /**
         * The same cluster over mutual TLS, with this machine's PKCS12 key store (made by {@code dartboard
         * certs}), whose password is the secret.
         */
        public Cluster tls(Path keyStore) {
            return new Cluster(nodes, secret, Objects.requireNonNull(keyStore, "keyStore"), connectTimeout,
                    nodeWait, failureTimeout);
        }

        /** The same cluster, looking for a first node for this long before giving up. */
        public Cluster connectTimeout(Duration timeout) {
            return new Cluster(nodes, secret, tls, timeout, nodeWait, failureTimeout);
        }

        /** The same cluster, waiting this long for a node to come back when every node is gone. */
        public Cluster nodeWait(Duration timeout) {
            return new Cluster(nodes, secret, tls, connectTimeout, timeout, failureTimeout);
        }

        /**
         * The same cluster, counting the node this client talks to lost when it stays silent for this long
         * (its jobs in flight then run again on the others).
         */
        public Cluster failureTimeout(Duration timeout) {
            return new Cluster(nodes, secret, tls, connectTimeout, nodeWait, timeout);
        }

        /** The node pattern, as given. */
        public String nodes() {
            return nodes;
        }

        /** The secret's text, when one was given. */
        public Optional<String> secret() {
            return Optional.ofNullable(secret);
        }

        /** The TLS key store, when one was given. */
        public Optional<Path> tls() {
            return Optional.ofNullable(tls);
        }

        public Duration connectTimeout() {
            return connectTimeout;
        }

        public Duration nodeWait() {
            return nodeWait;
        }

        public Duration failureTimeout() {
            return failureTimeout;
        }

        void validate() {
            requireRange("connect-timeout", connectTimeout, MIN_CONNECT_TIMEOUT, MAX_CONNECT_TIMEOUT,
                    CONNECT_TIMEOUT_RANGE);
            requirePositive("node-wait", nodeWait);
            requireRange("failure-timeout", failureTimeout, MIN_FAILURE_TIMEOUT, MAX_FAILURE_TIMEOUT,
                    FAILURE_TIMEOUT_RANGE);
        }

        private static void requireRange(String setting, Duration timeout, Duration least, Duration most,
                String range) {
            if (timeout.compareTo(least) < 0 || timeout.compareTo(most) > 0) {
                throw new InvalidSettingException(setting, timeout.toMillis() + " ms is out of range (allowed: "
                        + range + ")");
            }
        }

        /** Never the secret: this ends up in logs and messages. */
        @Override
        public String toString() {
            return "cluster at " + nodes + (secret != null ? ", with a secret" : "") + (tls != null ? ", TLS" : "");
        }

        private static void requirePositive(String setting, Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new InvalidSettingException(setting, timeout.toMillis() + " ms is out of range (allowed: more"
                        + " than 0)");
            }
        }
    }

}
