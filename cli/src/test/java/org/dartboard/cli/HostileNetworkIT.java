package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.management.UnixOperatingSystemMXBean;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input from the network, the last part of the bad-input catalogue ({@code BadInputTest} has the
 * rest): a client pointed at another program's port says so in one line and exits 1; a node sent garbage,
 * another protocol or a lying length on each of its three ports stays up, logs one warning line (no stack
 * trace) for each such connection to its client port (the ports between nodes drop them silently), and
 * counts the next run exactly; and a node held by a thousand connections to each port that never say a
 * word stays up within its memory caps and counts exactly (see docs/security.md, "What a node bounds").
 */
class HostileNetworkIT {

    private static final String NODE = "127.0.0.16";
    private static final int CLIENT_PORT = 11870;
    private static final int DISCOVERY_PORT = 48570;
    private static final int COMMUNICATION_PORT = 48170;
    private static final Duration GIVE_UP = Duration.ofSeconds(30);

    /** Two nodes of their own for the idle-connection test, so that connections between nodes are tested too. */
    private static final String IDLE_TARGET = "127.0.0.18";
    private static final String IDLE_PEER = "127.0.0.19";
    private static final int IDLE_CLIENT_PORT = 11871;
    private static final int IDLE_DISCOVERY_PORT = 48571;
    private static final int IDLE_COMMUNICATION_PORT = 48171;
    private static final int IDLE_PER_PORT = 1_000;
    /** Longer than the node's handshake timeouts (client and communication ports, 10 s) and discovery's 5 s. */
    private static final Duration IDLE_HOLD = Duration.ofSeconds(15);
    /** The caps the launcher gives a node, and its exit on exhaustion: a node that runs out of either dies. */
    private static final String[] LAUNCHER_MEMORY_CAPS = {"-XX:MaxDirectMemorySize=256m",
        "-XX:+ExitOnOutOfMemoryError"};

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

    /**
     * A thousand connections to each of a node's three ports that never say a word (about 150 to either the
     * client or the discovery port used to kill a node: direct memory or heap ran out), held past the
     * node's handshake timeout, while a run goes on over both nodes and after: the node lives within its
     * memory caps, counts both runs exactly, and its log says what it closed in a few lines.
     */
    @Test
    void aNodeHeldByThousandsOfIdleConnectionsStaysUpAndCountsExactly() throws Exception {
        holdIdleConnections(List.of(), Map.of());
    }

    /** The same with the cluster's secret: idle connections never reach the check of the secret. */
    @Test
    void aNodeWithASecretHeldByThousandsOfIdleConnectionsStaysUpAndCountsExactly(@TempDir Path folder)
            throws Exception {
        String secret = "idle connections prove nothing";
        Path secretFile = Files.writeString(folder.resolve("secret"), secret + "\n");
        Files.setPosixFilePermissions(secretFile, PosixFilePermissions.fromString("rw-------"));
        holdIdleConnections(List.of("--secret-file", secretFile.toString()),
                Map.of(SecurityOptions.ENVIRONMENT_VARIABLE, secret));
    }

    private static void holdIdleConnections(List<String> nodeOptions, Map<String, String> clientEnvironment)
            throws Exception {
        long fileLimit = ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getMaxFileDescriptorCount();
        assertThat(fileLimit).as("this JVM's open-file limit (ulimit -n), for %d sockets", 3 * IDLE_PER_PORT)
                .isGreaterThan(3L * IDLE_PER_PORT + 1_000);
        try (NodeCluster cluster = new NodeCluster(IDLE_TARGET + "," + IDLE_PEER, IDLE_CLIENT_PORT, IDLE_DISCOVERY_PORT,
                IDLE_COMMUNICATION_PORT)) {
            cluster.start(IDLE_TARGET, nodeOptions, LAUNCHER_MEMORY_CAPS);
            cluster.start(IDLE_PEER, nodeOptions, LAUNCHER_MEMORY_CAPS);
            cluster.awaitReady(IDLE_TARGET);
            cluster.awaitReady(IDLE_PEER);
            cluster.awaitClusterSize(IDLE_TARGET, 2);

            List<Socket> idle = new ArrayList<>();
            try {
                long opening = System.nanoTime();
                int refused = openIdleConnections(idle);
                System.out.printf("HostileNetworkIT: %d idle connections opened in %.1f s (%d not accepted)%n",
                        idle.size(), (System.nanoTime() - opening) / 1e9, refused);
                assertThat(idle).as("connections the node's ports accepted").hasSizeGreaterThan(2 * IDLE_PER_PORT);

                long heldSince = System.nanoTime();
                JsonNode during = countOverBoth(cluster, 11, clientEnvironment);
                assertThat(during.at("/counts/inside").bigIntegerValue())
                        .as("the run while %d idle connections are held", idle.size())
                        .isEqualTo(ReferenceEstimate.inside(11, 20_000_000));
                long heldMillis = (System.nanoTime() - heldSince) / 1_000_000;
                Thread.sleep(Math.max(0, IDLE_HOLD.toMillis() - heldMillis));
                assertThat(cluster.isRunning(IDLE_TARGET)).as("the node after %d idle connections held %s:%n%s",
                        idle.size(), IDLE_HOLD, cluster.node(IDLE_TARGET).transcript()).isTrue();
                long closedByNode = idle.stream().filter(HostileNetworkIT::closedByPeer).count();
                System.out.printf("HostileNetworkIT: after %d s the node had closed %d of the %d idle connections%n",
                        IDLE_HOLD.toSeconds(), closedByNode, idle.size());
            } finally {
                for (Socket socket : idle) {
                    socket.close();
                }
            }

            JsonNode after = countOverBoth(cluster, 12, clientEnvironment);
            assertThat(after.at("/counts/inside").bigIntegerValue()).as("the run after the idle connections")
                    .isEqualTo(ReferenceEstimate.inside(12, 20_000_000));
            assertThat(cluster.isRunning(IDLE_TARGET)).isTrue();
            String log = cluster.node(IDLE_TARGET).stderr();
            System.out.printf("HostileNetworkIT: the node's log after the idle connections:%n%s%n", log);
            assertThat(log).as("no stack trace in the node's log").doesNotContain("\tat ", "Exception:");
            assertThat(log).contains("connections to the discovery port");
            assertThat(log.lines().count()).as("lines in the node's log").isLessThan(60);
        }
    }

    /**
     * Opens {@link #IDLE_PER_PORT} connections to each of the target's ports, a millisecond apart: as fast as
     * they go, they overflowed the ports' accept queues, and each connection refused then waited a second
     * for its retry (3,000 took 16 s, time the hold does not need; paced, 2–3 s). Returns how many were
     * not accepted.
     */
    private static int openIdleConnections(List<Socket> idle) throws InterruptedException {
        int refused = 0;
        for (int i = 0; i < IDLE_PER_PORT; i++) {
            for (int port : List.of(IDLE_CLIENT_PORT, IDLE_DISCOVERY_PORT, IDLE_COMMUNICATION_PORT)) {
                Socket socket = new Socket();
                try {
                    socket.connect(new InetSocketAddress(IDLE_TARGET, port), 5_000);
                    idle.add(socket);
                } catch (IOException backlogFull) {
                    // A full accept queue refuses or times out: the node is protected, not broken.
                    closeQuietly(socket);
                    refused++;
                }
            }
            Thread.sleep(1);
        }
        return refused;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Never connected: nothing to close.
        }
    }

    private static JsonNode countOverBoth(NodeCluster cluster, long seed, Map<String, String> environment)
            throws Exception {
        try (DartboardProcess client = DartboardProcess.start(environment, List.of(), "run", "--nodes",
                cluster.pattern(IDLE_TARGET),
                "--points", "1000000", "--jobs", "20", "--seed", String.valueOf(seed), "--format", "json")) {
            assertThat(client.awaitExit(Duration.ofSeconds(90))).as(client.transcript()).isZero();
            return Invocation.STRICT_JSON.readTree(client.stdout());
        }
    }

    /**
     * Whether the other end closed the connection (or reset it): what it sent first (the communication port
     * greets with its node's id) is read past, and a connection still open then reads nothing.
     */
    private static boolean closedByPeer(Socket socket) {
        try {
            socket.setSoTimeout(1);
            byte[] greeting = new byte[4096];
            while (true) {
                if (socket.getInputStream().read(greeting) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException open) {
            return false;
        } catch (IOException reset) {
            return true;
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
