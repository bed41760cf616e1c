package org.dartboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Probing for live nodes, on loopback only: every listener here is a plain server socket on 127.0.0.x and
 * every endpoint probed is on 127.0.0.0/8 or a name checked to resolve there (or nowhere) first. Time
 * bounds are generous and only catch a hang; none of them measures speed.
 */
class NodeProbeTest {

    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final Duration PER_ADDRESS = Duration.ofMillis(500);
    private static final String UNKNOWN_HOST = "no-such-node.invalid";

    private final NodeProbe probe = new NodeProbe(PER_ADDRESS, 8);

    @Test
    void findsExactlyTheListeningAddressesAmongARange() throws IOException {
        try (ServerSocket first = listen("127.0.0.1", 0)) {
            int port = first.getLocalPort();
            // Linux answers on all of 127.0.0.0/8; where only 127.0.0.1 exists, one listener has to do.
            try (ServerSocket second = listenIfPossible("127.0.0.5", port)) {
                List<NodeEndpoint> candidates = NodePattern.parse("127.0.0.1-20", port).endpoints();

                List<NodeEndpoint> live = assertTimeoutPreemptively(BOUND, () -> probe.reachable(candidates));

                List<NodeEndpoint> expected = new ArrayList<>(List.of(new NodeEndpoint("127.0.0.1", port)));
                if (second != null) {
                    expected.add(new NodeEndpoint("127.0.0.5", port));
                }
                assertThat(live).containsExactlyElementsOf(expected);
            }
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @CsvSource({"1", "2", "64"})
    void keepsTheOrderGivenWhateverTheParallelism(int parallelism) throws IOException {
        try (ServerSocket a = listen("127.0.0.1", 0); ServerSocket b = listen("127.0.0.1", 0)) {
            NodeEndpoint first = new NodeEndpoint("127.0.0.1", b.getLocalPort());
            NodeEndpoint second = new NodeEndpoint("127.0.0.1", a.getLocalPort());
            List<NodeEndpoint> candidates = List.of(first, new NodeEndpoint("127.0.0.1", closedPort()), second);

            List<NodeEndpoint> live = assertTimeoutPreemptively(BOUND,
                    () -> new NodeProbe(PER_ADDRESS, parallelism).reachable(candidates));

            assertThat(live).containsExactly(first, second);
        }
    }

    @Test
    void findsNothingAtAClosedPort() throws IOException {
        List<NodeEndpoint> candidates = NodePattern.parse("127.0.0.1-4", closedPort()).endpoints();

        assertThat(assertTimeoutPreemptively(BOUND, () -> probe.reachable(candidates))).isEmpty();
    }

    @Test
    void takesAnUnknownHostAsUnreachable() throws IOException {
        // A resolver that answers for unknown names would send this probe off the machine: skip instead.
        assumeFalse(resolves(UNKNOWN_HOST), UNKNOWN_HOST + " resolves here");
        try (ServerSocket node = listen("127.0.0.1", 0)) {
            NodeEndpoint live = new NodeEndpoint("127.0.0.1", node.getLocalPort());
            List<NodeEndpoint> candidates = List.of(new NodeEndpoint(UNKNOWN_HOST, node.getLocalPort()), live);

            assertThat(assertTimeoutPreemptively(BOUND, () -> probe.reachable(candidates))).containsExactly(live);
        }
    }

    @Test
    void resolvesAHostName() throws IOException {
        assumeTrue(onlyLoopback("localhost"), "localhost resolves to loopback only");
        try (ServerSocket node = listen("127.0.0.1", 0)) {
            NodeEndpoint byName = new NodeEndpoint("localhost", node.getLocalPort());

            assertThat(assertTimeoutPreemptively(BOUND, () -> probe.reachable(List.of(byName))))
                    .containsExactly(byName);
        }
    }

    @Test
    void answersAnEmptyListAtOnce() {
        assertThat(assertTimeoutPreemptively(BOUND, () -> probe.reachable(List.of()))).isEmpty();
    }

    /**
     * A listener that never accepts and whose queue is full leaves connections unanswered (on Linux the
     * kernel drops the handshake), so the probe must give up on its own timeout and still report the rest.
     * Only that it returns is asserted, never how fast.
     */
    @Test
    void returnsWhenAListenerDoesNotAnswer() throws IOException {
        List<Socket> queued = new ArrayList<>();
        try (ServerSocket stalled = listen("127.0.0.1", 0, 1); ServerSocket node = listen("127.0.0.1", 0)) {
            fillQueue(stalled, queued);
            NodeEndpoint silent = new NodeEndpoint("127.0.0.1", stalled.getLocalPort());
            NodeEndpoint live = new NodeEndpoint("127.0.0.1", node.getLocalPort());
            List<NodeEndpoint> candidates = new ArrayList<>(Collections.nCopies(6, silent));
            candidates.add(live);

            List<NodeEndpoint> found = assertTimeoutPreemptively(BOUND,
                    () -> new NodeProbe(Duration.ofMillis(200), 2).reachable(candidates));

            assertThat(found).contains(live);
        } finally {
            for (Socket socket : queued) {
                socket.close();
            }
        }
    }

    @Test
    void leavesNoThreadsBehind() throws Exception {
        awaitProbeThreads(0); // stragglers of earlier tests, if any, end within their own timeout
        List<Socket> queued = new ArrayList<>();
        try (ServerSocket node = listen("127.0.0.1", 0); ServerSocket stalled = listen("127.0.0.1", 0, 1)) {
            fillQueue(stalled, queued);
            List<NodeEndpoint> candidates = new ArrayList<>(NodePattern.parse("127.0.0.1-30", node.getLocalPort())
                    .endpoints());
            candidates.add(new NodeEndpoint("127.0.0.1", stalled.getLocalPort()));
            if (!resolves(UNKNOWN_HOST)) {
                candidates.add(new NodeEndpoint(UNKNOWN_HOST, node.getLocalPort()));
            }
            for (int call = 0; call < 5; call++) {
                CompletableFuture<List<NodeEndpoint>> probing = CompletableFuture.supplyAsync(
                        () -> probe.reachable(candidates));
                if (call == 0) {
                    // Proves the count below means something: the probe does run on threads of that name.
                    awaitProbeThreadsWhile(probing);
                }
                assertThat(probing.get(BOUND.toSeconds(), TimeUnit.SECONDS)).contains(candidates.get(0));
            }
        } finally {
            for (Socket socket : queued) {
                socket.close();
            }
        }

        awaitProbeThreads(0);
    }

    @ParameterizedTest(name = "timeout {0}, parallelism {1}")
    @CsvSource({"PT0S, 1", "PT-1S, 1", "PT1S, 0", "PT1S, -3"})
    void refusesANonsensicalSetting(String timeout, int parallelism) {
        assertThatIllegalArgumentException().isThrownBy(() -> new NodeProbe(Duration.parse(timeout), parallelism))
                .withMessageContaining("must be");
    }

    @Test
    void refusesAMissingTimeout() {
        assertThatNullPointerException().isThrownBy(() -> new NodeProbe(null, 1));
    }

    private static ServerSocket listen(String loopbackAddress, int port) throws IOException {
        return listen(loopbackAddress, port, 50);
    }

    private static ServerSocket listen(String loopbackAddress, int port, int backlog) throws IOException {
        InetAddress address = InetAddress.getByName(loopbackAddress);
        assertThat(address.isLoopbackAddress()).as("test listeners stay on loopback").isTrue();
        return new ServerSocket(port, backlog, address);
    }

    private static ServerSocket listenIfPossible(String loopbackAddress, int port) {
        try {
            return listen(loopbackAddress, port);
        } catch (IOException unavailable) {
            return null;
        }
    }

    /** A port that was free a moment ago; nothing listens there unless another process grabs it meanwhile. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = listen("127.0.0.1", 0)) {
            return socket.getLocalPort();
        }
    }

    /** Connects until the never-accepting listener's queue refuses more; each attempt is short. */
    private static void fillQueue(ServerSocket listener, List<Socket> queued) {
        for (int i = 0; i < 8; i++) {
            Socket socket = new Socket();
            queued.add(socket);
            try {
                socket.connect(new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort()), 200);
            } catch (IOException full) {
                return;
            }
        }
    }

    private static boolean resolves(String host) {
        try {
            InetAddress.getAllByName(host);
            return true;
        } catch (UnknownHostException unknown) {
            return false;
        }
    }

    private static boolean onlyLoopback(String host) {
        try {
            return Arrays.stream(InetAddress.getAllByName(host)).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException unknown) {
            return false;
        }
    }

    /** Waits, within the bound, until that many probe threads are alive; fails if they never get there. */
    private static void awaitProbeThreads(int expected) throws InterruptedException {
        long giveUpAt = System.nanoTime() + BOUND.toNanos();
        while (probeThreads() != expected && System.nanoTime() - giveUpAt < 0) {
            Thread.sleep(20);
        }
        assertThat(probeThreads()).as("live probe threads").isEqualTo(expected);
    }

    private static void awaitProbeThreadsWhile(CompletableFuture<?> probing) throws InterruptedException {
        boolean seen = false;
        while (!seen && !probing.isDone()) {
            seen = probeThreads() > 0;
            Thread.sleep(1);
        }
        assertThat(seen || probeThreads() > 0).as("probe threads seen while probing").isTrue();
    }

    private static long probeThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(NodeProbe.THREAD_NAME_PREFIX) && thread.isAlive())
                .count();
    }
}
