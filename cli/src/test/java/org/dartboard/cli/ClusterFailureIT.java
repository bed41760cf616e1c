package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.time.Duration;
import org.dartboard.run.DartboardVersion;
import org.junit.jupiter.api.Test;

/**
 * A cluster that cannot serve a run makes the client say so and exit 1, within a bounded time: Dispy's
 * failures were silence (nodes not found, no message) and hangs (a dead node's jobs waited on forever).
 * Each test starts the lone node it needs on an address and ports of its own, away from ClusterIT's.
 */
class ClusterFailureIT {

    private static final int CLIENT_PORT = 11810;
    private static final int DISCOVERY_PORT = 48510;
    private static final int COMMUNICATION_PORT = 48110;

    /** JVM start and a 2 s connect timeout take about 3 s; the bound allows a loaded machine, not a hang. */
    private static final Duration GIVE_UP = Duration.ofSeconds(30);

    private static final String LONE_ADDRESS = "127.0.0.6";
    private static final NodeCluster LONE_NODE = new NodeCluster(LONE_ADDRESS, CLIENT_PORT, DISCOVERY_PORT,
            COMMUNICATION_PORT);
    /** 3.2 G points on one 1-cpu node: about 13 s undisturbed, so the kill comes early in the run. */
    private static final long LOST_RUN_POINTS = 50_000_000;
    private static final long LOST_RUN_JOBS = 64;
    private static EveryNodeLost everyNodeLost;

    @Test
    void noNodeAnsweringIsOneLineAndExit1() throws Exception {
        long started = System.nanoTime();
        try (DartboardProcess client = DartboardProcess.start("run", "--nodes", "127.0.0.9:11899",
                "--connect-timeout", "2s", "--points", "1000", "--jobs", "10", "--seed", "1")) {
            int exitCode = client.awaitExit(GIVE_UP);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf("ClusterFailureIT: no node at 127.0.0.9:11899 -> exit %d after %.1f s%n", exitCode,
                    took.toMillis() / 1000.0);

            assertThat(exitCode).as(client.transcript()).isEqualTo(ExitCodes.FAILED);
            assertThat(client.stderr().lines().toList()).as("stderr").singleElement().asString()
                    .contains("127.0.0.9:11899")
                    .doesNotContain("Exception", "\tat ");
            // It gave the nodes the time it was told to, and not much more.
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(2)).isLessThan(Duration.ofSeconds(20));
        }
    }

    @Test
    void aNodeOfAnotherVersionIsRefusedNamingBothVersions() throws Exception {
        String clientVersion = DartboardVersion.current();
        assertThat(clientVersion).as("the build's version, from the run module's properties").isNotEqualTo("unknown");
        try (NodeCluster cluster = new NodeCluster("127.0.0.5", CLIENT_PORT, DISCOVERY_PORT, COMMUNICATION_PORT)) {
            cluster.start("127.0.0.5", "-Ddartboard.version.override=9.9.9");
            cluster.awaitReady("127.0.0.5");

            try (DartboardProcess client = DartboardProcess.start("run", "--nodes", cluster.pattern("127.0.0.5"),
                    "--points", "1000", "--jobs", "10", "--seed", "1")) {
                int exitCode = client.awaitExit(GIVE_UP);

                assertThat(exitCode).as(client.transcript()).isEqualTo(ExitCodes.FAILED);
                assertThat(client.stderr()).contains(clientVersion, "9.9.9", cluster.name("127.0.0.5"))
                        .doesNotContain("Exception", "\tat ");
            }
        }
    }

    @Test
    void losingEveryNodeEndsTheRunWithThePartialCount() throws Exception {
        EveryNodeLost lost = everyNodeLost();
        System.out.printf("ClusterFailureIT: every node lost, --node-wait 3s -> exit %d %.1f s after the kill%n",
                lost.exitCode(), lost.afterKill().toMillis() / 1000.0);

        assertThat(lost.exitCode()).as(lost.transcript()).isEqualTo(ExitCodes.FAILED);
        assertThat(lost.stderr()).doesNotContain("\tat ");
        JsonNode report = lost.report();
        assertThat(report.get("status").asText()).isEqualTo("failed");
        assertThat(report.get("complete").asBoolean()).isFalse();
        assertThat(report.get("error").asText()).contains(LONE_NODE.pattern(LONE_ADDRESS));
        // The partial estimate: whole jobs only, those finished before the node died.
        long jobsDone = report.at("/counts/jobs").asLong();
        assertThat(jobsDone).as("jobs finished before the kill").isPositive().isLessThan(LOST_RUN_JOBS);
        assertThat(report.at("/counts/points").bigIntegerValue())
                .isEqualTo(BigInteger.valueOf(jobsDone).multiply(BigInteger.valueOf(LOST_RUN_POINTS)));
        assertThat(report.get("estimate").isObject()).as("an estimate from the finished jobs").isTrue();
        assertThat(report.at("/estimate/pi").asDouble()).isBetween(3.1, 3.2);
        // Waiting 3 s for a node to come back, not 60 s (the default) and not forever.
        assertThat(lost.afterKill()).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aRunThatLostEveryNodeReportsThemLost() throws Exception {
        JsonNode report = everyNodeLost().report();

        // The node is dead: the report must not show it "up" with nothing in lostWorkers.
        assertThat(report.get("lostWorkers")).as("lostWorkers in %s", report).extracting(JsonNode::asText)
                .containsExactly(LONE_NODE.name(LONE_ADDRESS));
        assertThat(report.at("/workers/0/state").asText()).as("state of %s", report.at("/workers/0"))
                .isEqualTo("lost");
    }

    /** The outcome of a run whose only node was killed, shared by the tests that look at it. */
    private record EveryNodeLost(int exitCode, Duration afterKill, String stderr, String transcript,
            JsonNode report) {
    }

    /** Runs once, the first time a test asks: one node, a run on it, the node killed with SIGKILL. */
    private static synchronized EveryNodeLost everyNodeLost() throws Exception {
        if (everyNodeLost != null) {
            return everyNodeLost;
        }
        try (NodeCluster cluster = LONE_NODE) {
            cluster.startAndAwaitReady(LONE_ADDRESS);
            try (DartboardProcess client = DartboardProcess.start("run", "--nodes", cluster.pattern(LONE_ADDRESS),
                    "--node-wait", "3s", "--points", String.valueOf(LOST_RUN_POINTS),
                    "--jobs", String.valueOf(LOST_RUN_JOBS), "--seed", "3", "--format", "json")) {
                client.awaitStderr("the client's 'Connected to 1 node'", log -> log.contains("Connected to 1 node"),
                        NodeCluster.STARTUP);
                // Jobs of 50 M points take about 0.2 s: some are done, most are not.
                Thread.sleep(1_500);
                assertThat(client.isAlive()).as("the run still goes on when its only node is killed").isTrue();
                long killed = System.nanoTime();
                cluster.kill(LONE_ADDRESS);

                int exitCode = client.awaitExit(GIVE_UP);
                Duration afterKill = Duration.ofNanos(System.nanoTime() - killed);
                everyNodeLost = new EveryNodeLost(exitCode, afterKill, client.stderr(), client.transcript(),
                        Invocation.STRICT_JSON.readTree(client.stdout()));
                return everyNodeLost;
            }
        }
    }
}
