package org.dartboard.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.ignite.lang.IgniteInClosure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds how many connections to a node's discovery port may be open at once, in all and from one address,
 * closing the ones beyond at once.
 *
 * <p>Why: Ignite's discovery gives every accepted connection a thread and two heap buffers as large as the
 * socket's buffers (about 2 MB in all on loopback) before a byte is read, so 150 idle connections filled a
 * 256 MB heap. Ignite calls this for each new connection before it reads anything; a connection closed
 * here ends its thread and its buffers become garbage. A cluster needs few: each node keeps one connection
 * from the node before it in Ignite's ring, and joins and pings come and go.
 */
final class IncomingConnectionLimit implements IgniteInClosure<Socket> {

    /** Open discovery connections a node accepts in all. */
    static final int MAX_OPEN = 32;
    /** Open discovery connections a node accepts from one address. */
    static final int MAX_OPEN_PER_ADDRESS = 8;

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(IncomingConnectionLimit.class);
    private static final Duration WARNING_INTERVAL = Duration.ofSeconds(10);

    private final String port;
    private final int maxOpen;
    private final int maxOpenPerAddress;
    private final transient LogThrottle warnings;
    private final transient List<Socket> open = new ArrayList<>();

    /**
     * @param port how the log names the port, e.g. {@code discovery port 47500}
     */
    IncomingConnectionLimit(String port) {
        this(port, MAX_OPEN, MAX_OPEN_PER_ADDRESS);
    }

    IncomingConnectionLimit(String port, int maxOpen, int maxOpenPerAddress) {
        this.port = port;
        this.maxOpen = maxOpen;
        this.maxOpenPerAddress = maxOpenPerAddress;
        this.warnings = new LogThrottle(WARNING_INTERVAL);
    }

    /** Admits the connection, or closes it when the node holds as many as it allows. */
    @Override
    public void apply(Socket socket) {
        InetAddress from = socket.getInetAddress();
        String refusal;
        synchronized (this) {
            // Ignite closes a connection when it ends, whoever ended it: what is closed no longer counts.
            open.removeIf(Socket::isClosed);
            long fromThere = open.stream().filter(other -> from != null && from.equals(other.getInetAddress())).count();
            if (open.size() >= maxOpen) {
                refusal = maxOpen + " connections are open already";
            } else if (fromThere >= maxOpenPerAddress) {
                refusal = maxOpenPerAddress + " connections from that address are open already";
            } else {
                open.add(socket);
                return;
            }
        }
        close(socket);
        warn(from, refusal);
    }

    /** How many admitted connections are still open. */
    synchronized int openCount() {
        open.removeIf(Socket::isClosed);
        return open.size();
    }

    private static void close(Socket socket) {
        try {
            // Reset rather than linger: the peer that floods us gets no graceful goodbye to wait for.
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException alreadyGone) {
            // Closed either way.
        }
    }

    private void warn(InetAddress from, String refusal) {
        String address = from != null ? from.getHostAddress() : "an unknown address";
        warnings.event(refused -> LOG.warn("Closed {} connection{} to the {} at once (the latest from {}): {}; a"
                + " cluster needs few, so some program is opening many", refused, refused == 1 ? "" : "s", port,
                address, refusal));
    }
}
