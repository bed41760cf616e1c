package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.dartboard.core.JobPlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Runs on a real cluster: three {@code dartboard node} JVMs on 127.0.0.2, .3 and .4 with one cpu each,
 * and the client as a fourth process. One cluster serves the whole class, because starting it costs
 * seconds; the tests run in order, as the cluster's life goes on: clients one after another and at once,
 * a node killed with SIGKILL in the middle of a run, a million tiny jobs through the two nodes left, and
 * the killed node coming back while a run goes on, and a node killed in a run of lattice darts. Each test first puts the cluster in the shape it
 * needs, so one failure does not hide the others.
 *
 * <p>Counts are compared with the reference kernel run in this JVM: the count for a seed and a number
 * of points does not depend on the split into jobs or on where the jobs ran, so a cluster that loses,
 * repeats or mixes up a single job gives a different count.
 */
@TestMethodOrder(OrderAnnotation.class)
class ClusterIT {

    private static final String FIRST = "127.0.0.2";
    private static final String VICTIM = "127.0.0.3";
    private static final String LAST = "127.0.0.4";
    private static final NodeCluster CLUSTER = new NodeCluster("127.0.0.2-4", 11800, 48500, 48100);

    /** A quick plan: 640 M points, about 2 s on three 1-cpu nodes. */
    private static final long QUICK_POINTS = 10_000_000;
    /**
     * A plan long enough to kill a node or start one while it runs: 6.4 G points, about 10 s on this
     * 2-core machine. Jobs of 100 M points each travel alone, so every node holds some when one dies.
     */
    private static final long LONG_POINTS = 100_000_000;
    private static final long JOBS = 64;
    private static final long LONG_SEED = 42;
    /**
     * Lattice darts in 64 jobs too, of twice the points because their loop is about twice as fast: 12.8 G
     * points, 16 replicas of 800 M points in 4 jobs each.
     */
    private static final JobPlan LATTICE_RUN = JobPlan.of(2 * LONG_POINTS, JOBS, 43).lattice(16);

    /** Bounds, not expectations: generous for a loaded CI machine, so a hang fails rather than a slow run. */
    private static final Duration CONNECT = Duration.ofSeconds(30);
    private static final Duration QUICK_RUN = Duration.ofSeconds(60);
    private static final Duration LONG_RUN = Duration.ofSeconds(120);
    private static final Duration REFERENCE = Duration.ofMinutes(3);

    private static CompletableFuture<BigInteger> longRunInside;
    private static CompletableFuture<BigInteger> latticeRunInside;

    @BeforeAll
    static void startThreeNodes() throws InterruptedException {
        // Counted beside the cluster's start-up, which leaves the cores mostly idle.
        longRunInside = ReferenceEstimate.insideInBackground(LONG_SEED, LONG_POINTS * JOBS);
        latticeRunInside = ReferenceEstimate.insideInBackground(LATTICE_RUN);
        CLUSTER.startAndAwaitReady(FIRST, VICTIM, LAST);
        for (String address : List.of(FIRST, VICTIM, LAST)) {
            CLUSTER.awaitClusterSize(address, 3);
        }
    }

    @AfterAll
    static void stopEveryNode() throws InterruptedException {
        CLUSTER.close();
    }

    @Test
    @Order(1)
    void threeNodesCountWhatTheLocalCoresCount() throws Exception {
        try (DartboardProcess client = runOnNodes(List.of(), CLUSTER.pattern("127.0.0.2-4"), QUICK_POINTS, JOBS, 42)) {
            JsonNode report = finish(client, QUICK_RUN, 0);

            assertComplete(report, QUICK_POINTS, JOBS, ReferenceEstimate.inside(42, QUICK_POINTS * JOBS));
            assertThat(report.get("retriedJobs").asLong()).isZero();
            assertThat(report.get("lostWorkers")).isEmpty();
            // Every node took part: a node left idle would mean the client sees only the one it talks to.
            for (String address : List.of(FIRST, VICTIM, LAST)) {
                JsonNode row = workerRow(report, CLUSTER.name(address));
                assertThat(row.get("state").asText()).isEqualTo("up");
                assertThat(row.get("cpus").asInt()).isEqualTo(1);
                assertThat(row.get("jobs").asLong()).as("jobs run by %s", address).isPositive();
            }
        }
    }

    @Test
    @Order(2)
    void nodesServeTwoClientsAtOnceAndThenAnother() throws Exception {
        long points = 5_000_000;
        String nodes = CLUSTER.pattern("127.0.0.*");
        // Different seeds: a result delivered to the wrong client would change both counts.
        try (DartboardProcess first = runOnNodes(List.of(), nodes, points, JOBS, 11);
                DartboardProcess second = runOnNodes(List.of(), nodes, points, JOBS, 12)) {
            JsonNode firstReport = finish(first, QUICK_RUN, 0);
            JsonNode secondReport = finish(second, QUICK_RUN, 0);

            assertComplete(firstReport, points, JOBS, ReferenceEstimate.inside(11, points * JOBS));
            assertComplete(secondReport, points, JOBS, ReferenceEstimate.inside(12, points * JOBS));
        }
        // The nodes kept nothing of the two clients that left: a third one is served like the first.
        try (DartboardProcess third = runOnNodes(List.of(), nodes, points, JOBS, 13)) {
            assertComplete(finish(third, QUICK_RUN, 0), points, JOBS, ReferenceEstimate.inside(13, points * JOBS));
        }
    }

    @Test
    @Order(3)
    void aNodeKilledMidRunLosesNoJob() throws Exception {
        ensureUp(VICTIM);
        Path jobsLog = Path.of("target", "cluster-it-node-killed-jobs.csv");
        try (DartboardProcess client = runOnNodes(List.of(), CLUSTER.pattern("127.0.0.2-4"), LONG_POINTS, JOBS,
                LONG_SEED, "--jobs-log", jobsLog.toString())) {
            killVictimMidRun(client);

            JsonNode report = finish(client, LONG_RUN, 0);
            System.out.printf("ClusterIT: node killed mid-run; %d jobs run again, jobs per node %s%n",
                    report.get("retriedJobs").asLong(), jobsPerWorker(report));

            assertComplete(report, LONG_POINTS, JOBS, longRunInside.get(REFERENCE.toSeconds(), TimeUnit.SECONDS));
            assertThat(report.get("retriedJobs").asLong()).as("jobs run again").isPositive();
            assertThat(textValues(report.get("lostWorkers"))).containsExactly(CLUSTER.name(VICTIM));
            assertThat(workerRow(report, CLUSTER.name(VICTIM)).get("state").asText()).isEqualTo("lost");
            assertThat(workerRow(report, CLUSTER.name(FIRST)).get("state").asText()).isEqualTo("up");
            assertThat(workerRow(report, CLUSTER.name(LAST)).get("state").asText()).isEqualTo("up");

            // The jobs log has each job once, and its attempts account for every job run again, whether
            // the client sent it again or the cluster's failover ran it elsewhere.
            List<String[]> lines = Files.readAllLines(jobsLog).stream().skip(1).map(line -> line.split(",")).toList();
            assertThat(lines).extracting(line -> line[0]).doesNotHaveDuplicates().hasSize((int) JOBS);
            assertThat(lines.stream().mapToLong(line -> Long.parseLong(line[6]) - 1).sum()).as("extra attempts")
                    .isEqualTo(report.get("retriedJobs").asLong());
        }
    }

    @Test
    @Order(4)
    void aMillionOnePointJobsFlowThroughTwoNodesIn64Megabytes() throws Exception {
        ensureDown(VICTIM);
        long jobs = 1_000_000;
        long started = System.nanoTime();
        try (DartboardProcess client = runOnNodes(List.of("-Xmx64m"), CLUSTER.pattern("127.0.0.2-4"), 1, jobs, 1)) {
            JsonNode report = finish(client, Duration.ofSeconds(180), 0);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf("ClusterIT: %,d jobs of 1 point through 2 nodes took %.1f s (client JVM included)%n",
                    jobs, took.toMillis() / 1000.0);

            assertThat(client.stderr()).doesNotContain("OutOfMemoryError");
            assertComplete(report, 1, jobs, ReferenceEstimate.inside(1, jobs));
            assertThat(report.at("/counts/jobs").asLong()).isEqualTo(1_000_000);
            assertThat(report.get("retriedJobs").asLong()).isZero();
            assertThat(report.at("/farm/workers").asInt()).as("cpus of the two nodes left").isEqualTo(2);
            assertThat(workerRow(report, CLUSTER.name(FIRST)).get("jobs").asLong()).isPositive();
            assertThat(workerRow(report, CLUSTER.name(LAST)).get("jobs").asLong()).isPositive();
        }
    }

    @Test
    @Order(5)
    void aNodeStartedDuringARunGetsJobs() throws Exception {
        ensureDown(VICTIM);
        // The wildcard covers the address the late node will have: the client needs no restart to use it.
        try (DartboardProcess client = runOnNodes(List.of(), CLUSTER.pattern("127.0.0.*"), LONG_POINTS, JOBS,
                LONG_SEED)) {
            client.awaitStderr("the client's 'Connected to 2 nodes'", log -> log.contains("Connected to 2 nodes"),
                    CONNECT);
            CLUSTER.start(VICTIM);
            CLUSTER.awaitReady(VICTIM);
            assertThat(client.isAlive()).as("the run still goes on when the late node is ready").isTrue();

            JsonNode report = finish(client, LONG_RUN, 0);
            System.out.printf("ClusterIT: node started during the run; jobs per node %s%n", jobsPerWorker(report));

            assertComplete(report, LONG_POINTS, JOBS, longRunInside.get(REFERENCE.toSeconds(), TimeUnit.SECONDS));
            JsonNode late = workerRow(report, CLUSTER.name(VICTIM));
            assertThat(late.get("state").asText()).isEqualTo("up");
            assertThat(late.get("jobs").asLong()).as("jobs run by the node that joined during the run:%n%s",
                    report.get("workers").toPrettyString()).isPositive();
        }
    }

    @Test
    @Order(6)
    void aNodeKilledMidLatticeRunLosesNoJob() throws Exception {
        ensureUp(VICTIM);
        try (DartboardProcess client = runOnNodes(List.of(), CLUSTER.pattern("127.0.0.2-4"),
                LATTICE_RUN.pointsPerJob(), LATTICE_RUN.jobs(), LATTICE_RUN.seed(), "--darts", "lattice",
                "--replicas", String.valueOf(LATTICE_RUN.replicas()))) {
            killVictimMidRun(client);

            JsonNode report = finish(client, LONG_RUN, 0);
            System.out.printf("ClusterIT: node killed mid-run of lattice darts; %d jobs run again, jobs per node %s%n",
                    report.get("retriedJobs").asLong(), jobsPerWorker(report));

            // A replica's points are index ranges split into jobs like a stream's: the node's lost jobs run
            // again elsewhere, each replica gets its points once, and the count is the local kernel's.
            assertComplete(report, LATTICE_RUN.pointsPerJob(), LATTICE_RUN.jobs(),
                    latticeRunInside.get(REFERENCE.toSeconds(), TimeUnit.SECONDS));
            assertThat(report.get("darts").asText()).isEqualTo("lattice");
            assertThat(report.at("/estimate/errorBar").asText()).isEqualTo("replicas");
            assertThat(report.get("retriedJobs").asLong()).as("jobs run again").isPositive();
            assertThat(textValues(report.get("lostWorkers"))).containsExactly(CLUSTER.name(VICTIM));
        }
    }

    // ---- the cluster's shape ----

    /** Starts the node again if an earlier test killed it, and waits until the others count it in. */
    private static void ensureUp(String address) throws InterruptedException {
        if (!CLUSTER.isRunning(address)) {
            CLUSTER.start(address);
            CLUSTER.awaitReady(address);
        }
        for (String other : List.of(FIRST, LAST)) {
            CLUSTER.awaitClusterSize(other, 3);
        }
    }

    /** Kills the node if it still runs, and waits until the other two know it is gone. */
    private static void ensureDown(String address) throws InterruptedException {
        if (CLUSTER.isRunning(address)) {
            CLUSTER.kill(address);
        }
        for (String other : List.of(FIRST, LAST)) {
            CLUSTER.awaitClusterSize(other, 2);
        }
    }

    /**
     * Kills the victim 2 s after the client has connected to all three nodes: jobs take about 0.4 s each,
     * so by then every node runs one and holds more, and the run needs about 10 s.
     */
    private static void killVictimMidRun(DartboardProcess client) throws InterruptedException {
        client.awaitStderr("the client's 'Connected to 3 nodes'", log -> log.contains("Connected to 3 nodes"),
                CONNECT);
        Thread.sleep(2_000);
        assertThat(client.isAlive()).as("the run still goes on when the node is killed").isTrue();
        CLUSTER.kill(VICTIM);
    }

    // ---- the client ----

    private static DartboardProcess runOnNodes(List<String> jvmOptions, String nodes, long points, long jobs,
            long seed, String... moreOptions) {
        List<String> arguments = new ArrayList<>(List.of("run", "--nodes", nodes, "--points", String.valueOf(points),
                "--jobs", String.valueOf(jobs), "--seed", String.valueOf(seed), "--format", "json"));
        arguments.addAll(List.of(moreOptions));
        return DartboardProcess.start(jvmOptions, arguments.toArray(String[]::new));
    }

    /** Waits for the client's end and reads its report, after checking the exit code and a clean stderr. */
    private static JsonNode finish(DartboardProcess client, Duration timeout, int expectedExitCode)
            throws Exception {
        int exitCode = client.awaitExit(timeout);
        assertThat(exitCode).as(client.transcript()).isEqualTo(expectedExitCode);
        assertThat(client.stderr()).as("no stack trace").doesNotContain("\tat ");
        return Invocation.STRICT_JSON.readTree(client.stdout());
    }

    private static void assertComplete(JsonNode report, long pointsPerJob, long jobs, BigInteger inside) {
        assertThat(report.get("status").asText()).as("status; error: %s", report.get("error")).isEqualTo("complete");
        assertThat(report.get("complete").asBoolean()).isTrue();
        assertThat(report.at("/counts/jobs").asLong()).isEqualTo(jobs);
        assertThat(report.at("/counts/points").bigIntegerValue())
                .isEqualTo(BigInteger.valueOf(pointsPerJob).multiply(BigInteger.valueOf(jobs)));
        assertThat(report.at("/counts/inside").bigIntegerValue()).as("points inside, as the local kernel counts")
                .isEqualTo(inside);
        assertThat(report.get("error").isNull()).isTrue();
    }

    private static JsonNode workerRow(JsonNode report, String name) {
        return StreamSupport.stream(report.get("workers").spliterator(), false)
                .filter(row -> row.get("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no worker " + name + " in " + report.get("workers")));
    }

    private static String jobsPerWorker(JsonNode report) {
        List<String> rows = new ArrayList<>();
        report.get("workers").forEach(row -> rows.add(row.get("name").asText() + "=" + row.get("jobs").asLong()
                + " (" + row.get("state").asText() + ")"));
        return String.join(", ", rows);
    }

    private static List<String> textValues(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
