package org.dartboard.cluster;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.internal.util.nio.GridNioServer;
import org.apache.ignite.internal.util.nio.GridNioSession;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.communication.tcp.internal.GridNioServerWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes connections to the communication port that have not said which node they are from within the
 * handshake timeout.
 *
 * <p>Why: Ignite keeps a connection to the port between nodes for as long as its other end keeps it, even
 * one that never sends a node's handshake, and each costs 64 KB of direct memory (about 130 KB with TLS),
 * so a few thousand idle connections would use up the node's direct memory. Ignite has no setting for
 * that, so this looks at the port's connections every second: one that Ignite accepted and that has no
 * connection index (which Ignite records once the other node's handshake arrives) after the timeout is
 * closed.
 *
 * <p>It reaches into Ignite's internals (the SPI's network server, a private field), for the Ignite
 * version dartboard is built with; if they are not where expected it says so once and does nothing.
 */
final class CommunicationHandshakeTimeout implements AutoCloseable {

    /** How long a connection to the communication port may take to say which node it is from. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(CommunicationHandshakeTimeout.class);
    private static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);
    private static final Duration WARNING_INTERVAL = Duration.ofSeconds(10);

    private final TcpCommunicationSpi communication;
    private final String port;
    private final LogThrottle warnings = new LogThrottle(WARNING_INTERVAL);
    private final ScheduledExecutorService checks;

    private CommunicationHandshakeTimeout(TcpCommunicationSpi communication, String port) {
        this.communication = communication;
        this.port = port;
        this.checks = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "dartboard-communication-handshake-timeout");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts checking the started SPI's connections every second. */
    static CommunicationHandshakeTimeout start(TcpCommunicationSpi communication, String port) {
        CommunicationHandshakeTimeout timeout = new CommunicationHandshakeTimeout(communication, port);
        timeout.checks.scheduleWithFixedDelay(timeout::closeUnproven, CHECK_INTERVAL.toMillis(),
                CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return timeout;
    }

    private void closeUnproven() {
        Collection<? extends GridNioSession> sessions;
        try {
            sessions = sessions();
        } catch (ReflectiveOperationException | RuntimeException unexpected) {
            LOG.warn("Cannot watch the handshakes on the {} ({}): idle connections to it stay open", port,
                    unexpected);
            checks.shutdown();
            return;
        }
        if (sessions == null) {
            return;
        }
        long now = System.currentTimeMillis();
        int closed = 0;
        for (GridNioSession session : sessions) {
            if (unproven(session, now)) {
                session.close();
                closed++;
            }
        }
        if (closed > 0) {
            warnings.events(closed, standsFor -> LOG.warn("Closed {} connection{} to the {}: {} s without a node's"
                    + " handshake", standsFor, standsFor == 1 ? "" : "s", port, TIMEOUT.toSeconds()));
        }
    }

    /** Accepted, older than the timeout, and without the connection index Ignite records at the handshake. */
    static boolean unproven(GridNioSession session, long nowMillis) {
        return session.accepted() && session.closeTime() == 0 && nowMillis - session.createTime() > TIMEOUT.toMillis()
                && session.meta(TcpCommunicationSpi.CONN_IDX_META) == null;
    }

    private Collection<? extends GridNioSession> sessions() throws ReflectiveOperationException {
        Field wrapperField = TcpCommunicationSpi.class.getDeclaredField("nioSrvWrapper");
        wrapperField.setAccessible(true);
        GridNioServerWrapper wrapper = (GridNioServerWrapper) wrapperField.get(communication);
        GridNioServer<?> server = wrapper != null ? wrapper.nio() : null;
        return server != null ? server.sessions() : null;
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }
}
