package org.dartboard.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.Set;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteState;
import org.apache.ignite.Ignition;
import org.apache.ignite.IgnitionListener;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.configuration.ClientConnectorConfiguration;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.DataStorageConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.configuration.SystemDataRegionConfiguration;
import org.apache.ignite.configuration.ThinClientConfiguration;
import org.apache.ignite.events.DiscoveryEvent;
import org.apache.ignite.events.EventType;
import org.apache.ignite.lang.IgnitePredicate;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;
import org.dartboard.cluster.security.ClusterSecurity;
import org.dartboard.run.DartboardVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dartboard server node: an Ignite server that runs {@link CountTask}s for clients, joins the other
 * nodes it is told of, and logs the cluster's life in plain words.
 *
 * <p>It stores nothing (its data regions are the smallest Ignite allows), opens no REST port, has no
 * multicast discovery and no update notifier, and listens on the one address it is given.
 */
final class IgniteNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IgniteNode.class);
    private static final long MIB = 1L << 20;
    /** Most compute tasks one client connection may have running; the client's window stays far below. */
    private static final int MAX_TASKS_PER_CLIENT = 65_536;
    /**
     * Each connection to the client port gets direct buffers as large as its socket's buffers, before it has
     * said a word: left to the system, about 2 MB on loopback, so 150 idle connections used up 256 MB. With
     * 32 KB each way a connection costs 64 KB until the handshake timeout closes it.
     */
    static final int CLIENT_SOCKET_BUFFER = 32 * 1024;
    /** How long a connection to the client port may take to prove it is a dartboard client (Ignite's default). */
    static final Duration CLIENT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /**
     * How long a connection to the client port may stay silent before the node closes it. With TLS, Ignite
     * starts the handshake timeout only once the TLS handshake is done, so a connection that never starts
     * one was kept for ever, with about 130 KB of direct memory; this closes it. A dartboard client speaks
     * every second (its heartbeat), so it is never this silent.
     */
    static final Duration CLIENT_IDLE_TIMEOUT = Duration.ofSeconds(60);

    private final NodeSettings settings;
    private final Ignite ignite;
    private final MetricsServer metricsServer;
    private final NodeFailures failures;
    private final CommunicationHandshakeTimeout handshakes;
    private final CompletableFuture<Ending> ending = new CompletableFuture<>();
    private final IgnitionListener stateListener;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Why a node stopped. */
    enum Ending {
        /** It was closed, as asked. */
        CLOSED,
        /** It could reach no other node for longer than the failure timeout, and left the cluster. */
        CUT_OFF,
        /** Ignite stopped it after a failure of its own. */
        FAILED
    }

    private IgniteNode(NodeSettings settings, Ignite ignite, MetricsServer metricsServer, NodeFailures failures,
            CommunicationHandshakeTimeout handshakes) {
        this.settings = settings;
        this.failures = failures;
        this.handshakes = handshakes;
        this.ignite = ignite;
        this.metricsServer = metricsServer;
        this.stateListener = (name, state) -> {
            if (Objects.equals(name, ignite.name())) {
                noteState(state);
            }
        };
    }

    /** Starts a node and returns once it has joined its cluster (or formed a new one). */
    static IgniteNode start(NodeSettings settings) {
        NodeFailures failures = new NodeFailures();
        Ignite ignite;
        try {
            ignite = Ignition.start(configuration(settings, failures));
        } catch (RuntimeException failed) {
            String refused = settings.security().explainJoinFailure(failed);
            if (refused != null) {
                throw new NodeRefusedException(refused, failed);
            }
            throw failed;
        }
        CommunicationHandshakeTimeout handshakes = CommunicationHandshakeTimeout.start(
                (TcpCommunicationSpi) ignite.configuration().getCommunicationSpi(),
                "communication port " + settings.communicationPort());
        NodeMetrics metrics = new NodeMetrics(settings.name());
        ignite.cluster().nodeLocalMap().put(NodeMetrics.NODE_LOCAL_KEY, metrics);
        MetricsServer metricsServer = null;
        if (settings.metricsPort() > 0) {
            try {
                metricsServer = MetricsServer.start(settings.bind(), settings.metricsPort(), metrics);
                LOG.info("Node {} serves its metrics at http://{}:{}/metrics", settings.name(), settings.bind(),
                        metricsServer.port());
            } catch (IOException unavailable) {
                handshakes.close();
                ignite.close();
                throw new UncheckedIOException("cannot serve metrics on " + settings.bind() + ":"
                        + settings.metricsPort() + ": " + unavailable.getMessage(), unavailable);
            }
        }
        IgniteNode node = new IgniteNode(settings, ignite, metricsServer, failures, handshakes);
        Ignition.addListener(node.stateListener);
        // It may have stopped before the listener was there.
        node.noteState(Ignition.state(ignite.name()));
        node.logMembership();
        return node;
    }

    /** Waits at most {@code timeout} for the node to stop, by {@link #close} or by itself; empty while it runs. */
    Optional<Ending> awaitEnding(Duration timeout) throws InterruptedException {
        try {
            return Optional.of(ending.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException running) {
            return Optional.empty();
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private void noteState(IgniteState state) {
        switch (state) {
            case STOPPED -> ending.complete(Ending.CLOSED);
            case STOPPED_ON_SEGMENTATION -> ending.complete(Ending.CUT_OFF);
            case STOPPED_ON_FAILURE -> ending.complete(Ending.FAILED);
            default -> {
                // Still running.
            }
        }
    }

    /** What stopped the node when it ended {@link Ending#FAILED}, such as {@code SYSTEM_WORKER_TERMINATION: ...}. */
    String failure() {
        return failures.firstFailure();
    }

    /** How many server nodes the cluster has now. */
    int clusterSize() {
        return ignite.cluster().forServers().nodes().size();
    }

    /** The node's name. */
    String name() {
        return settings.name();
    }

    /** Stops the node, or finishes stopping one that stopped by itself (its metrics port is freed). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("Node {} is stopping", settings.name());
        Ignition.removeListener(stateListener);
        if (metricsServer != null) {
            metricsServer.close();
        }
        handshakes.close();
        ignite.close();
        ending.complete(Ending.CLOSED);
        LOG.info("Node {} stopped", settings.name());
    }

    static IgniteConfiguration configuration(NodeSettings settings, NodeFailures failures) {
        List<String> peers = settings.peers().stream().map(NodeEndpoint::toString).toList();
        TcpDiscoverySpi discovery = new TcpDiscoverySpi()
                .setLocalAddress(settings.bind())
                .setLocalPort(settings.discoveryPort())
                .setLocalPortRange(0)
                .setIpFinder(new TcpDiscoveryVmIpFinder().setAddresses(peers));
        discovery.addIncomeConnectionListener(
                new IncomingConnectionLimit("discovery port " + settings.discoveryPort()));
        // A node that can reach no other for this long counts itself cut off (segmented) and stops; the
        // supervisor starts it again once another node answers, so it rejoins instead of forming a cluster of one.
        discovery.setConnectionRecoveryTimeout(settings.failureTimeout().toMillis());
        TcpCommunicationSpi communication = new TcpCommunicationSpi()
                .setLocalAddress(settings.bind())
                .setLocalPort(settings.communicationPort())
                .setLocalPortRange(0);
        ClientConnectorConfiguration clients = new ClientConnectorConfiguration()
                .setHost(settings.bind())
                .setPort(settings.clientPort())
                .setPortRange(0)
                .setThreadPoolSize(2)
                .setSocketSendBufferSize(CLIENT_SOCKET_BUFFER)
                .setSocketReceiveBufferSize(CLIENT_SOCKET_BUFFER)
                .setHandshakeTimeout(CLIENT_HANDSHAKE_TIMEOUT.toMillis())
                .setIdleTimeout(CLIENT_IDLE_TIMEOUT.toMillis())
                // Thin clients only: no SQL drivers, which would reach more of Ignite than dartboard uses.
                .setJdbcEnabled(false)
                .setOdbcEnabled(false)
                .setThinClientConfiguration(new ThinClientConfiguration()
                        .setMaxActiveComputeTasksPerConnection(MAX_TASKS_PER_CLIENT));
        // A node keeps no data: the smallest regions Ignite accepts, so a Raspberry Pi has memory to spare.
        DataStorageConfiguration storage = new DataStorageConfiguration()
                .setSystemDataRegionConfiguration(new SystemDataRegionConfiguration()
                        .setInitialSize(10 * MIB).setMaxSize(20 * MIB))
                .setDefaultDataRegionConfiguration(new DataRegionConfiguration()
                        .setName("default").setInitialSize(10 * MIB).setMaxSize(10 * MIB));
        IgniteConfiguration node = new IgniteConfiguration()
                .setIgniteInstanceName(settings.name().replaceAll("[^A-Za-z0-9._-]", "_"))
                .setConsistentId(settings.name())
                .setLocalHost(settings.bind())
                .setWorkDirectory(Path.of(System.getProperty("java.io.tmpdir"),
                        "dartboard-node-" + settings.name().replaceAll("[^A-Za-z0-9._-]", "_")).toString())
                .setGridLogger(new IgniteLogBridge())
                .setMetricsLogFrequency(0)
                // Heartbeats between nodes: one silent for this long is failed, and its jobs run elsewhere.
                .setFailureDetectionTimeout(settings.failureTimeout().toMillis())
                .setFailureHandler(failures)
                .setConnectorConfiguration(null)
                .setPeerClassLoadingEnabled(false)
                .setPublicThreadPoolSize(settings.cpus())
                .setSystemThreadPoolSize(2)
                .setStripedPoolSize(2)
                .setQueryThreadPoolSize(1)
                .setServiceThreadPoolSize(1)
                .setManagementThreadPoolSize(1)
                .setDataStreamerThreadPoolSize(1)
                .setUtilityCachePoolSize(1)
                .setAsyncCallbackPoolSize(1)
                .setRebalanceThreadPoolSize(1)
                .setUserAttributes(Map.of(
                        NodeAttributes.VERSION, DartboardVersion.current(),
                        NodeAttributes.CPUS, settings.cpus(),
                        NodeAttributes.CLIENT_ADDRESS, new NodeEndpoint(settings.bind(), settings.clientPort()).toString()))
                .setIncludeEventTypes(EventType.EVT_NODE_JOINED, EventType.EVT_NODE_LEFT, EventType.EVT_NODE_FAILED)
                .setDataStorageConfiguration(storage)
                .setDiscoverySpi(discovery)
                .setCommunicationSpi(communication)
                .setClientConnectorConfiguration(clients);
        // Clients may run this task and nothing else; no code travels from them.
        settings.security().configureNode(node, clients, Set.of(CountTask.class.getName()));
        return node;
    }

    private void logMembership() {
        LOG.info("Node {} ready: clients connect to {}:{}, {} cpus, dartboard {}, {}; {}", settings.name(),
                settings.bind(), settings.clientPort(), settings.cpus(), DartboardVersion.current(),
                settings.security().description(), clusterSummary());
        if (!settings.security().hasSecret() && !isLoopback(settings.bind())) {
            LOG.warn("Node {} has no secret: anyone who reaches {}:{} can run dartboard jobs on it (and nothing"
                    + " else); give the nodes and clients a secret with --secret-file or {}", settings.name(),
                    settings.bind(), settings.clientPort(), ClusterSecurity.SECRET_ENVIRONMENT_VARIABLE);
        }
        IgnitePredicate<DiscoveryEvent> logChange = event -> {
            ClusterNode other = event.eventNode();
            if (!other.isClient()) {
                String change = event.type() == EventType.EVT_NODE_JOINED ? "joined"
                        : event.type() == EventType.EVT_NODE_LEFT ? "left" : "failed (stopped answering)";
                LOG.info("Node {} {}; {}", other.consistentId(), change, clusterSummary());
            }
            return true;
        };
        ignite.events().localListen(logChange, EventType.EVT_NODE_JOINED, EventType.EVT_NODE_LEFT,
                EventType.EVT_NODE_FAILED);
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException unknown) {
            return false;
        }
    }

    /** "cluster has 3 nodes with 6 cpus": the words the tests and operators look for. */
    private String clusterSummary() {
        int size = clusterSize();
        return "cluster has " + size + (size == 1 ? " node" : " nodes") + " with "
                + NodeAttributes.cpus(ignite.cluster().forServers().nodes()) + " cpus";
    }
}
