package org.dartboard.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.client.ClientConnectionException;
import org.apache.ignite.client.IgniteClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's connection to the nodes: found at the start, watched while the run goes on, and replaced
 * after a connection problem.
 *
 * <p>The thin client talks to one node at a time, and a watcher thread asks that node for the cluster's
 * members every second: the client's heartbeat. A node that does not answer within the failure timeout
 * (cut off by the network, not closed, so no socket error ever comes) has its connection closed, which
 * fails its tasks at once so that their jobs run again elsewhere. The next task then goes through a new
 * client to whichever nodes answer, found within the node-wait timeout. Replaced clients are closed only
 * at the end: tasks they still carry to live nodes may yet answer.
 *
 * <p>Concurrency: one lock guards every field that changes, and three kinds of thread take it: the
 * dispatcher (asks for the client to send with, and alone replaces it), Ignite's threads (report a task's
 * failure) and the watcher. Nothing that waits on the network runs under the lock: finding nodes, asking
 * for the members and closing clients read the state under the lock first and check it again after. The
 * log line of a change is written under the lock, so lines come out in the order of the changes.
 */
final class NodeConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeConnection.class);
    private static final long WATCH_MILLIS = 1000;

    private final ClusterSettings settings;
    private final NodeFinder finder;
    private final ClusterMembers members;
    private final Thread watcher;

    private final Object lock = new Object();
    /** The client tasks go through. Guarded by {@link #lock}, as are the fields below. */
    private IgniteClient client;
    /** Set by a connection problem or a silent node; the next task needs a new client. */
    private boolean suspect;
    private long jobsLostWithConnection;
    private final List<IgniteClient> retiredClients = new ArrayList<>();
    private boolean closed;

    private NodeConnection(ClusterSettings settings, NodeFinder finder, ClusterMembers members, IgniteClient client) {
        this.settings = settings;
        this.finder = finder;
        this.members = members;
        this.client = client;
        this.watcher = new Thread(this::watch, "dartboard-watcher");
        watcher.setDaemon(true);
    }

    /**
     * Finds nodes matching the settings' pattern within the connect timeout, connects to them, records
     * them as the members, and starts watching them.
     *
     * @throws ClusterUnavailableException when no node answers within the connect timeout, or the nodes
     *     refuse this client or run another dartboard version
     */
    static NodeConnection open(ClusterSettings settings, ClusterMembers members) {
        NodeFinder finder = new NodeFinder(settings);
        IgniteClient client = finder.find(settings.connectTimeout());
        if (client == null) {
            throw new ClusterUnavailableException("no dartboard node answered at "
                    + Phrases.addresses(settings.nodes()) + " within " + Phrases.seconds(settings.connectTimeout())
                    + "; start one there with 'dartboard node --bind ADDRESS', or check the pattern and"
                    + " --connect-timeout");
        }
        try {
            members.update(client.cluster().forServers().nodes());
        } catch (RuntimeException lostAtOnce) {
            NodeFinder.closeQuietly(client);
            throw lostAtOnce;
        }
        NodeConnection connection = new NodeConnection(settings, finder, members, client);
        connection.watcher.start();
        return connection;
    }

    /**
     * The client to send the next task with: the current one, or after a connection problem a new one to
     * whichever nodes answer now. For the dispatcher only, so that one replacement runs at a time.
     *
     * @throws ClusterUnavailableException when no node came back within the node-wait timeout, the nodes
     *     refused this client, or the connection was closed meanwhile
     */
    IgniteClient clientToSendWith() {
        synchronized (lock) {
            if (!suspect) {
                return client;
            }
        }
        try {
            return replace();
        } catch (ClusterUnavailableException gone) {
            throw gone;
        } catch (RuntimeException refused) {
            throw new ClusterUnavailableException(refused.getMessage());
        }
    }

    /**
     * A task sent with {@code sentWith} failed with {@code cause}. A connection problem of the current
     * client makes the connection suspect, so that the next task goes through a new one; a retired
     * client's tasks failing later must not make the farm drop a connection that works.
     */
    void taskFailed(IgniteClient sentWith, Throwable cause, int jobs) {
        if (!isConnectionProblem(cause)) {
            return;
        }
        synchronized (lock) {
            if (sentWith != client || closed) {
                return;
            }
            if (!suspect) {
                LOG.warn("Lost the connection to the cluster ({}); its jobs in flight will run again",
                        cause.getMessage());
            }
            suspect = true;
            jobsLostWithConnection += jobs;
        }
    }

    /** Stops the watcher and closes every client, the retired ones too; tasks still in flight fail. */
    @Override
    public void close() {
        List<IgniteClient> toClose;
        synchronized (lock) {
            closed = true;
            toClose = new ArrayList<>(retiredClients);
            toClose.add(client);
        }
        watcher.interrupt();
        try {
            watcher.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        toClose.forEach(NodeFinder::closeQuietly);
    }

    private IgniteClient replace() {
        LOG.info("Looking for nodes at {} (waiting up to {})", settings.nodes().text(),
                Phrases.seconds(settings.nodeWaitTimeout()));
        IgniteClient replacement = finder.find(settings.nodeWaitTimeout());
        if (replacement == null && Thread.currentThread().isInterrupted()) {
            // The farm closes and stopped the search: no node is known to be gone.
            throw new ClusterUnavailableException("the cluster farm is closed");
        }
        if (replacement == null) {
            members.allLost();
            throw new ClusterUnavailableException("every node at " + Phrases.addresses(settings.nodes())
                    + " was lost and none came back within " + Phrases.seconds(settings.nodeWaitTimeout()));
        }
        long lost = 0;
        boolean closedMeanwhile;
        synchronized (lock) {
            closedMeanwhile = closed;
            if (!closedMeanwhile) {
                retiredClients.add(client);
                client = replacement;
                suspect = false;
                lost = jobsLostWithConnection;
                jobsLostWithConnection = 0;
            }
        }
        if (closedMeanwhile) {
            // close() has closed the clients it knew of; this one would be left open.
            NodeFinder.closeQuietly(replacement);
            throw new ClusterUnavailableException("the cluster farm is closed");
        }
        members.update(replacement.cluster().forServers().nodes());
        LOG.info("Connected again to {} nodes; {} jobs lost with the old connection run again",
                members.live().size(), lost);
        return replacement;
    }

    // ---- the heartbeat ----

    private void watch() {
        try {
            while (true) {
                Thread.sleep(WATCH_MILLIS);
                IgniteClient watched;
                synchronized (lock) {
                    if (closed) {
                        return;
                    }
                    if (suspect) {
                        continue;
                    }
                    watched = client;
                }
                try {
                    members.update(watched.cluster().forServers().nodes());
                } catch (RuntimeException silent) {
                    dropSilentConnection(watched, silent);
                }
            }
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The node the client talks to gave no answer within the failure timeout (a request timed out, or the
     * connection broke): close the connection, which fails every task it carries, so their jobs run again
     * on the nodes that answer; the dispatcher connects to those before it sends anything more.
     */
    private void dropSilentConnection(IgniteClient silent, RuntimeException why) {
        synchronized (lock) {
            if (silent != client || suspect || closed) {
                return;
            }
            suspect = true;
            LOG.warn("The node this client talks to did not answer within {} ({}); its jobs in flight will run"
                    + " again on the nodes that answer", Phrases.seconds(settings.failureTimeout()), why.getMessage());
        }
        NodeFinder.closeQuietly(silent);
    }

    private static boolean isConnectionProblem(Throwable cause) {
        for (Throwable at = cause; at != null; at = at.getCause()) {
            if (at instanceof ClientConnectionException) {
                return true;
            }
        }
        return false;
    }
}
