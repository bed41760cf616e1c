package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A node of three frozen in the middle of a run (SIGSTOP: a machine swapping hard, a suspended VM, a debugger) for
 * ten times the cluster's failure timeout, then woken (SIGCONT): the run finishes with the exact count, its
 * jobs run again on the other nodes, and the woken node either rejoins and serves the next run, or stops
 * with one line and an exit code that says it failed. It once dumped about 500 lines of errors and thread
 * dumps and exited 130, the exit code of Ctrl-C.
 */
class FrozenNodeIT {

    private static final String STAYS = "127.0.0.21";
    private static final String ALSO_STAYS = "127.0.0.22";
    private static final String FROZEN = "127.0.0.23";
    private static final String PEERS = "127.0.0.21-23";
    private static final String FAILURE_TIMEOUT = "3s";
    /** Ten failure timeouts: the other nodes count the frozen one lost long before it wakes. */
    private static final Duration FREEZE = Duration.ofSeconds(30);
    /** 3.2 * 10^9 points: several seconds of three 1-cpu nodes, so the frozen node holds jobs when it stops. */
    private static final long POINTS = 50_000_000;
    private static final long JOBS = 64;
    private static final long SEED = 77;
    /** What a woken node may take to notice that it was left, leave, and join again, on a loaded machine. */
    private static final Duration REJOIN = Duration.ofSeconds(90);

    @Test
    void aFrozenNodeLosesNoJobAndThenRejoinsOrStopsInOneLine() throws Exception {
        try (NodeCluster cluster = new NodeCluster(PEERS, 11880, 48580, 48180)) {
            List<String> options = List.of("--failure-timeout", FAILURE_TIMEOUT);
            // Three nodes, the frozen one the youngest: the two others stay a cluster of two, so neither is
            // left alone. (Of two nodes, the one left alone may leave its cluster to join the frozen one, whose
            // ports still accept connections: docs/cluster.md.)
            cluster.start(STAYS, options);
            cluster.awaitReady(STAYS);
            cluster.start(ALSO_STAYS, options);
            cluster.awaitReady(ALSO_STAYS);
            cluster.start(FROZEN, options);
            cluster.awaitReady(FROZEN);
            cluster.awaitClusterSize(STAYS, 3);
            DartboardProcess frozen = cluster.node(FROZEN);

            JsonNode report;
            CompletableFuture<BigInteger> reference;
            int logAtThaw;
            long thawedAt;
            try (DartboardProcess client = run(cluster)) {
                client.awaitStderr("'Connected to 3 nodes'", log -> log.contains("Connected to 3 nodes"),
                        NodeCluster.STARTUP);
                Thread.sleep(1_000);
                assertThat(client.isAlive()).as("the run still goes on when the node freezes").isTrue();
                frozen.freeze();
                long frozenAt = System.nanoTime();
                // Worked out during the freeze, which the test waits out anyway: it slows the two nodes that
                // go on, but not before the frozen one holds its jobs.
                reference = ReferenceEstimate.insideInBackground(SEED, POINTS * JOBS);
                try {
                    Thread.sleep(FREEZE.toMillis());
                } finally {
                    logAtThaw = frozen.stderr().length();
                    frozen.thaw();
                    thawedAt = System.nanoTime();
                }
                int exitCode = client.awaitExit(Duration.ofMinutes(3));
                System.out.printf("FrozenNodeIT: %s frozen for %d s; the run ended %.1f s after the freeze began%n%s%n",
                        FROZEN, FREEZE.toSeconds(), (System.nanoTime() - frozenAt) / 1e9, client.stderr());
                assertThat(exitCode).as(client.transcript()).isZero();
                report = Invocation.STRICT_JSON.readTree(client.stdout());
            }
            BigInteger inside = reference.get(3, TimeUnit.MINUTES);
            assertThat(report.get("status").asText()).isEqualTo("complete");
            assertThat(report.at("/counts/inside").bigIntegerValue()).isEqualTo(inside);
            assertThat(report.get("lostWorkers")).anySatisfy(name -> assertThat(name.asText())
                    .isEqualTo(cluster.name(FROZEN)));

            boolean rejoined = rejoinedOrStopped(cluster, frozen, logAtThaw);
            String log = frozen.stderr();
            System.out.printf("FrozenNodeIT: %s %s %.1f s after it was woken (or sooner); its log:%n%s%n", FROZEN,
                    rejoined ? "was back in the cluster" : "had stopped", (System.nanoTime() - thawedAt) / 1e9, log);
            assertThat(log).as("no stack trace or thread dump in the frozen node's log")
                    .doesNotContain("\tat ", "Exception:", "Thread [name=", "Thread dump");
            if (rejoined) {
                try (DartboardProcess client = run(cluster)) {
                    assertThat(client.awaitExit(Duration.ofMinutes(3))).as(client.transcript()).isZero();
                    JsonNode again = Invocation.STRICT_JSON.readTree(client.stdout());
                    assertThat(again.at("/counts/inside").bigIntegerValue()).isEqualTo(inside);
                }
            } else {
                int exitCode = frozen.awaitExit(Duration.ofSeconds(10));
                assertThat(exitCode).as("the exit code of the node that stopped").isEqualTo(ExitCodes.FAILED);
                List<String> said = log.lines().filter(line -> line.startsWith("dartboard node:")).toList();
                assertThat(said).as("what the stopped node said").singleElement().asString().contains(FROZEN);
            }
        }
    }

    /**
     * True once the latest membership lines of a node that stayed and of the frozen one say the cluster has
     * 3 nodes again, the frozen node's written after it woke; false once the frozen node has exited.
     * Membership lines are all the test trusts: the frozen node may stop and start Ignite again meanwhile.
     */
    private static boolean rejoinedOrStopped(NodeCluster cluster, DartboardProcess frozen, int logAtThaw)
            throws InterruptedException {
        long deadline = System.nanoTime() + REJOIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!frozen.isAlive()) {
                return false;
            }
            if (NodeCluster.latestClusterSize(cluster.node(STAYS).stderr()) == 3
                    && NodeCluster.latestClusterSize(frozen.stderr().substring(logAtThaw)) == 3) {
                return true;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the frozen node neither rejoined nor stopped within " + REJOIN + ":\n"
                + frozen.transcript() + "\n--- a node that stayed ---\n" + cluster.node(STAYS).stderr());
    }

    private static DartboardProcess run(NodeCluster cluster) {
        return DartboardProcess.start("run", "--nodes", cluster.pattern(PEERS), "--failure-timeout", FAILURE_TIMEOUT,
                "--points", String.valueOf(POINTS), "--jobs", String.valueOf(JOBS), "--seed", String.valueOf(SEED),
                "--format", "json");
    }
}
