package org.dartboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bound on open discovery connections, on real loopback sockets: those beyond the bound, in all or
 * from one address, are closed at once, and a connection that ends frees its place.
 */
class IncomingConnectionLimitTest {

    private static final String ONE = "127.0.0.61";
    private static final String OTHER = "127.0.0.62";

    private final List<Socket> sockets = new ArrayList<>();
    private ServerSocket server;

    @AfterEach
    void closeAll() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void connectionsBeyondThePerAddressBoundAreClosedAtOnce() throws IOException {
        IncomingConnectionLimit limit = new IncomingConnectionLimit("discovery port", 10, 2);

        Socket first = accept(ONE);
        Socket second = accept(ONE);
        Socket third = accept(ONE);
        Socket elsewhere = accept(OTHER);
        for (Socket socket : List.of(first, second, third, elsewhere)) {
            limit.apply(socket);
        }

        assertThat(first.isClosed()).isFalse();
        assertThat(second.isClosed()).isFalse();
        assertThat(third.isClosed()).as("a third connection from one address, 2 allowed").isTrue();
        assertThat(elsewhere.isClosed()).as("another address has its own allowance").isFalse();
        assertThat(limit.openCount()).isEqualTo(3);
    }

    @Test
    void connectionsBeyondTheTotalBoundAreClosedAtOnce() throws IOException {
        IncomingConnectionLimit limit = new IncomingConnectionLimit("discovery port", 2, 2);

        Socket first = accept(ONE);
        Socket second = accept(OTHER);
        Socket third = accept("127.0.0.63");
        for (Socket socket : List.of(first, second, third)) {
            limit.apply(socket);
        }

        assertThat(third.isClosed()).as("a third connection, 2 allowed in all").isTrue();
        assertThat(limit.openCount()).isEqualTo(2);
    }

    @Test
    void aConnectionThatEndsFreesItsPlace() throws IOException {
        IncomingConnectionLimit limit = new IncomingConnectionLimit("discovery port", 10, 1);
        Socket first = accept(ONE);
        limit.apply(first);

        first.close();
        Socket next = accept(ONE);
        limit.apply(next);

        assertThat(next.isClosed()).as("the place the closed connection held").isFalse();
        assertThat(limit.openCount()).isEqualTo(1);
    }

    @Test
    void theClosedConnectionsOtherEndSeesItEnd() throws IOException {
        IncomingConnectionLimit limit = new IncomingConnectionLimit("discovery port", 10, 0);
        Socket client = new Socket();
        Socket accepted = accept(ONE, client);

        limit.apply(accepted);

        client.setSoTimeout(5_000);
        int read;
        try {
            read = client.getInputStream().read();
        } catch (IOException reset) {
            read = -1;
        }
        assertThat(read).as("what the refused client reads: the end, not silence").isEqualTo(-1);
    }

    @Test
    void aNodeAllowsAFewDozenConnectionsAndAFewFromEachAddress() {
        assertThat(IncomingConnectionLimit.MAX_OPEN).isBetween(16, 64);
        assertThat(IncomingConnectionLimit.MAX_OPEN_PER_ADDRESS).isBetween(4, IncomingConnectionLimit.MAX_OPEN);
    }

    private Socket accept(String from) throws IOException {
        return accept(from, new Socket());
    }

    /** A connection from {@code from} to a loopback server, as the server's side sees it. */
    private Socket accept(String from, Socket client) throws IOException {
        if (server == null) {
            server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.60"));
        }
        client.bind(new InetSocketAddress(from, 0));
        client.connect(server.getLocalSocketAddress(), 5_000);
        sockets.add(client);
        Socket accepted = server.accept();
        sockets.add(accepted);
        return accepted;
    }
}
