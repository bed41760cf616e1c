package org.dartboard.cluster;

import java.time.Duration;
import java.util.List;
import org.apache.ignite.Ignition;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.configuration.ClientConfiguration;
import org.dartboard.run.DartboardVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the dartboard nodes of a pattern and connects a thin client to them: probes the pattern's
 * addresses until some answer, starts a client to those, and checks that they run this client's version.
 *
 * <p>Keeps nothing between calls: each call works alone on its caller's thread (the run's thread for the
 * first connection, the dispatcher's for a replacement), so it needs no locking.
 */
final class NodeFinder {

    private static final Logger LOG = LoggerFactory.getLogger(NodeFinder.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);
    private static final int PROBE_PARALLELISM = 64;
    /** The longest pause between two rounds of probes while no node answers. */
    private static final long RETRY_MILLIS = 500;

    private final ClusterSettings settings;
    private final NodeProbe probe = new NodeProbe(PROBE_TIMEOUT, PROBE_PARALLELISM);

    NodeFinder(ClusterSettings settings) {
        this.settings = settings;
    }

    /**
     * Probes the pattern until a node answers or the time is up, then connects to every node that
     * answered and checks their versions.
     *
     * @return the client, or null when no node answered in time or the calling thread was interrupted
     * @throws ClusterUnavailableException when the nodes that answered refuse this client or run another
     *     version
     */
    IgniteClient find(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            List<NodeEndpoint> answering = probe.reachable(settings.nodes().endpoints());
            if (!answering.isEmpty()) {
                IgniteClient client = startClient(answering);
                try {
                    requireSameVersion(client);
                    return client;
                } catch (RuntimeException refused) {
                    closeQuietly(client);
                    throw refused;
                }
            }
            if (!pause(Math.min(RETRY_MILLIS, Math.max(0, (deadline - System.nanoTime()) / 1_000_000)))) {
                return null;
            }
        } while (System.nanoTime() < deadline);
        return null;
    }

    /** A thin client to the nodes that answered, or a failure that says why they would not have it. */
    private IgniteClient startClient(List<NodeEndpoint> answering) {
        ClientConfiguration configuration = new ClientConfiguration()
                .setAddresses(answering.stream().map(NodeEndpoint::toString).toArray(String[]::new))
                // One connection, to one node: partition awareness would open one to every node, and no
                // data here has partitions.
                .setPartitionAwarenessEnabled(false)
                .setHandshakeTimeout(millis(settings.connectTimeout()))
                .setRequestTimeout(millis(settings.failureTimeout()));
        settings.security().configureClient(configuration);
        try {
            return Ignition.startClient(configuration);
        } catch (RuntimeException refused) {
            String why = settings.security().explainConnectFailure(refused, Phrases.addresses(settings.nodes()));
            if (why != null) {
                throw new ClusterUnavailableException(why);
            }
            // Something listens there, but it does not speak as a dartboard node: another program's port.
            throw new ClusterUnavailableException(answering.stream().map(NodeEndpoint::toString).toList()
                    + " accepted a connection but did not answer as a dartboard node (" + firstLine(refused)
                    + "); check the port in the pattern: nodes take clients on " + DartboardNode.DEFAULT_CLIENT_PORT
                    + " unless started with --port");
        }
    }

    private static void requireSameVersion(IgniteClient client) {
        String mine = DartboardVersion.current();
        for (ClusterNode node : client.cluster().forServers().nodes()) {
            String theirs = node.attribute(NodeAttributes.VERSION);
            if (!mine.equals(theirs)) {
                throw new ClusterUnavailableException(WireFormat.VERSION_MISMATCH + ": this client runs dartboard "
                        + mine + " and node " + node.consistentId() + " runs " + theirs
                        + "; run the same version everywhere");
            }
        }
    }

    /** Sleeps between rounds of probes; false when interrupted, with the interrupt flag kept. */
    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Closes a client that may have broken already, which makes closing it fail. */
    static void closeQuietly(IgniteClient client) {
        try {
            client.close();
        } catch (RuntimeException alreadyBroken) {
            LOG.debug("Closing an old client connection failed: {}", alreadyBroken.toString());
        }
    }

    private static String firstLine(Throwable failure) {
        String message = failure.getMessage() != null ? failure.getMessage() : failure.toString();
        return message.lines().findFirst().orElse(message);
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }
}
