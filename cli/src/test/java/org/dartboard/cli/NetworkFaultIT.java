package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * A node cut off from the network, not killed: it runs in a network namespace this test makes, and the
 * test takes the namespace's link down in the middle of a run. Its jobs must run again on the other
 * nodes, the count must be exact, the client must not hang; when the link comes back, the node must join
 * the cluster again by itself and get jobs from the next run.
 */
class NetworkFaultIT {

    private static final String FIRST = "198.18.213.1";
    private static final String CUT = "198.18.213.2";
    private static final String LAST = "198.18.213.3";
    private static final String PEERS = "198.18.213.1-3";
    /**
     * 6.4 * 10^9 points: a few seconds of the 3 nodes' plain loops, so that the node cut off half a second
     * into the run still holds jobs (its share arrives at the start, a task's groups spread over the nodes).
     */
    private static final long POINTS = 100_000_000;
    private static final long JOBS = 64;
    private static final long SEED = 42;

    @Test
    void aNodeCutOffLosesNoJobAndRejoinsWhenItsLinkComesBack() throws Exception {
        try (NetworkNamespace namespace = NetworkNamespace.create(CUT, FIRST, LAST);
                NodeCluster cluster = new NodeCluster(PEERS, 11860, 48560, 48160)) {
            cluster.start(FIRST);
            cluster.start(LAST);
            cluster.startWithPrefix(namespace.prefix(), CUT, List.of());
            for (String address : List.of(FIRST, LAST, CUT)) {
                cluster.awaitReady(address);
            }
            cluster.awaitClusterSize(FIRST, 3);
            try {
                cutAndRestore(namespace, cluster);
            } finally {
                System.out.printf("NetworkFaultIT: log of the node that was cut off:%n%s%n", cluster.node(CUT).stderr());
            }
        }
    }

    private static void cutAndRestore(NetworkNamespace namespace, NodeCluster cluster) throws Exception {
        long cutAt;
        JsonNode report;
        try (DartboardProcess client = run(cluster)) {
            client.awaitStderr("'Connected to 3 nodes'", log -> log.contains("Connected to 3 nodes"),
                    NodeCluster.STARTUP);
            Thread.sleep(500);
            assertThat(client.isAlive()).as("the run still goes on when the link is cut").isTrue();
            namespace.cut();
            cutAt = System.nanoTime();
            int exitCode = client.awaitExit(Duration.ofMinutes(3));
            System.out.printf("NetworkFaultIT: link of %s cut; the run ended %.1f s later%n%s%n", CUT,
                    (System.nanoTime() - cutAt) / 1e9, client.stderr());
            assertThat(exitCode).as(client.transcript()).isZero();
            report = Invocation.STRICT_JSON.readTree(client.stdout());
        }
        assertThat(report.get("status").asText()).isEqualTo("complete");
        assertThat(report.get("retriedJobs").asLong()).isPositive();
        assertThat(report.get("lostWorkers")).anySatisfy(name -> assertThat(name.asText()).isEqualTo(cluster.name(CUT)));

        namespace.restore();
        long restoredAt = System.nanoTime();
        // Worked out while the node rejoins, when the nodes count nothing: not during the run, whose cores it
        // would take.
        CompletableFuture<BigInteger> reference = ReferenceEstimate.insideInBackground(SEED, POINTS * JOBS);
        cluster.awaitClusterSize(FIRST, 3);
        System.out.printf("NetworkFaultIT: %s back in the cluster %.1f s after its link came back%n", CUT,
                (System.nanoTime() - restoredAt) / 1e9);
        BigInteger inside = reference.get(3, TimeUnit.MINUTES);
        assertThat(report.at("/counts/inside").bigIntegerValue()).isEqualTo(inside);

        try (DartboardProcess client = run(cluster)) {
            assertThat(client.awaitExit(Duration.ofMinutes(3))).as(client.transcript()).isZero();
            JsonNode again = Invocation.STRICT_JSON.readTree(client.stdout());
            assertThat(again.at("/counts/inside").bigIntegerValue()).isEqualTo(inside);
            assertThat(workerRow(again, cluster.name(CUT)).get("jobs").asLong()).as("jobs of the node that came back")
                    .isPositive();
        }
    }

    private static DartboardProcess run(NodeCluster cluster) {
        return DartboardProcess.start("run", "--nodes", cluster.pattern(PEERS), "--points", String.valueOf(POINTS),
                "--jobs", String.valueOf(JOBS), "--seed", String.valueOf(SEED), "--format", "json");
    }

    private static JsonNode workerRow(JsonNode report, String name) {
        return StreamSupport.stream(report.get("workers").spliterator(), false)
                .filter(row -> row.get("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no worker " + name + " in " + report.get("workers")));
    }
}
