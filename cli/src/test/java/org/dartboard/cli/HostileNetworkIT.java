package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bad input from the network, the last part of the bad-input catalogue ({@code BadInputTest} has the
 * rest): a client pointed at another program's port says so in one line and exits 1; a node sent garbage,
 * another protocol or a lying length on each of its three ports stays up, logs one warning line (no stack
 * trace) for each such connection to its client port (the ports between nodes drop them silently), and
 * counts the next run exactly.
 */
class HostileNetworkIT {

    private static final String NODE = "127.0.0.16";
    private static final int CLIENT_PORT = 11870;
    private static final int DISCOVERY_PORT = 48570;
    private static final int COMMUNICATION_PORT = 48170;
    private static final Duration GIVE_UP = Duration.ofSeconds(30);

    @Test
    void aClientAtAWebServersPortSaysItIsNoDartboardNode() throws Exception {
        HttpServer web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        web.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        web.start();
        try {
            assertRefusedInOneLine("127.0.0.1:" + web.getAddress().getPort());
        } finally {
            web.stop(0);
        }
    }

    @Test
    void aClientAtAPortThatHangsUpSaysItIsNoDartboardNode() throws Exception {
        try (ServerSocket hangsUp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!hangsUp.isClosed()) {
                    try (Socket ignored = hangsUp.accept()) {
                        // Closed at once.
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "hangs-up");
            acceptor.setDaemon(true);
            acceptor.start();
            assertRefusedInOneLine("127.0.0.1:" + hangsUp.getLocalPort());
        }
    }

    @Test
    void aNodeSentGarbageOnEveryPortStaysUpAndCountsTheNextRunExactly() throws Exception {
        try (NodeCluster cluster = new NodeCluster(NODE, CLIENT_PORT, DISCOVERY_PORT, COMMUNICATION_PORT)) {
            cluster.start(NODE);
            cluster.awaitReady(NODE);
            Random random = new Random(7);
            byte[] noise = new byte[5_000];
            random.nextBytes(noise);
            byte[] http = "GET / HTTP/1.1\r\nHost: node\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            // A thin-client length prefix of 2^31-1 bytes, then nothing: a node must not wait for or allocate it.
            byte[] lyingLength = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F, 1};
            int sent = 0;
            for (int port : List.of(CLIENT_PORT, DISCOVERY_PORT, COMMUNICATION_PORT)) {
                for (byte[] payload : List.of(noise, http, lyingLength)) {
                    send(port, payload);
                    sent++;
                }
            }
            Thread.sleep(2_000);
            assertThat(cluster.isRunning(NODE)).as("the node after %d garbage connections", sent).isTrue();

            try (DartboardProcess client = DartboardProcess.start("run", "--nodes", cluster.pattern(NODE),
                    "--points", "1000000", "--jobs", "20", "--seed", "9", "--format", "json")) {
                assertThat(client.awaitExit(Duration.ofSeconds(60))).as(client.transcript()).isZero();
                JsonNode report = Invocation.STRICT_JSON.readTree(client.stdout());
                assertThat(report.at("/counts/inside").bigIntegerValue())
                        .isEqualTo(ReferenceEstimate.inside(9, 20_000_000));
            }
            String log = cluster.node(NODE).stderr();
            System.out.printf("HostileNetworkIT: the node's log after %d garbage connections:%n%s%n", sent, log);
            assertThat(log).as("no stack trace in the node's log").doesNotContain("\tat ", "Exception:");
            assertThat(log).contains("Closed a connection from 127.0.0.1");
        }
    }

    private static void assertRefusedInOneLine(String address) throws InterruptedException {
        try (DartboardProcess client = DartboardProcess.start("run", "--nodes", address, "--connect-timeout", "3s",
                "--points", "1000", "--jobs", "10", "--seed", "1")) {
            int exitCode = client.awaitExit(GIVE_UP);
            assertThat(exitCode).as(client.transcript()).isEqualTo(ExitCodes.FAILED);
            assertThat(client.stderr().lines().filter(line -> !line.startsWith("WARNING: Using incubator")).toList())
                    .as(client.transcript()).singleElement().asString()
                    .contains(address, "did not answer as a dartboard node", "--port")
                    .doesNotContain("\tat ");
            assertThat(client.stdout()).isEmpty();
        }
    }

    private static void send(int port, byte[] payload) throws IOException {
        try (Socket socket = new Socket(NODE, port)) {
            socket.setSoTimeout(3_000);
            OutputStream out = socket.getOutputStream();
            out.write(payload);
            out.flush();
            try {
                socket.getInputStream().read(new byte[256]);
            } catch (IOException closedOrSilent) {
                // The node may close the connection or say nothing: both are fine, it must only stay up.
            }
        }
    }
}
