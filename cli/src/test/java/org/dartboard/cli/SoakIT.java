package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The soak of issue 6, behind a flag because it takes minutes: a million jobs of 1,000 points through
 * three loopback nodes, one of them killed with SIGKILL and started again during the run. The jobs log
 * must name every job exactly once (none lost, none counted twice), the count must equal the reference
 * kernel's, and the client's heap after each garbage collection must stay flat from start to end.
 *
 * <pre>mvn verify -Ddartboard.soak=true -Dit.test=SoakIT -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@EnabledIfSystemProperty(named = "dartboard.soak", matches = "true")
class SoakIT {

    private static final String FIRST = "127.0.0.12";
    private static final String VICTIM = "127.0.0.13";
    private static final String LAST = "127.0.0.14";
    private static final long JOBS = 1_000_000;
    private static final long POINTS_PER_JOB = 1_000;
    private static final long SEED = 77;
    /** Heap in use after a collection, e.g. "Pause Young (Normal) (G1 Evacuation Pause) 25M->6M(64M)". */
    private static final Pattern HEAP_AFTER_GC = Pattern.compile("Pause .*?(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    @Test
    void aMillionJobsThroughThreeNodesWithOneKilledAndRestartedLoseNoneAndCountNoneTwice() throws Exception {
        Path jobsLog = Path.of("target", "soak-jobs.csv");
        Path gcLog = Path.of("target", "soak-gc.log");
        Files.deleteIfExists(jobsLog);
        Files.deleteIfExists(gcLog);
        try (NodeCluster cluster = new NodeCluster("127.0.0.12-14", 11840, 48540, 48140)) {
            cluster.startAndAwaitReady(FIRST, VICTIM, LAST);
            cluster.awaitClusterSize(FIRST, 3);
            long started = System.nanoTime();
            try (DartboardProcess client = DartboardProcess.start(
                    List.of("-Xmx64m", "-Xlog:gc:file=" + gcLog), "run", "--nodes", cluster.pattern("127.0.0.12-14"),
                    "--points", String.valueOf(POINTS_PER_JOB), "--jobs", String.valueOf(JOBS),
                    "--seed", String.valueOf(SEED), "--format", "json", "--jobs-log", jobsLog.toString())) {
                client.awaitStderr("'Connected to 3 nodes'", log -> log.contains("Connected to 3 nodes"),
                        NodeCluster.STARTUP);
                Thread.sleep(3_000);
                assertThat(client.isAlive()).as("the run still goes on when the node is killed").isTrue();
                cluster.kill(VICTIM);
                long killedAt = System.nanoTime();
                cluster.start(VICTIM);
                cluster.awaitReady(VICTIM);
                double restartedAfter = (System.nanoTime() - killedAt) / 1e9;

                int exitCode = client.awaitExit(Duration.ofMinutes(20));
                double seconds = (System.nanoTime() - started) / 1e9;
                assertThat(exitCode).as(client.transcript()).isZero();
                JsonNode report = Invocation.STRICT_JSON.readTree(client.stdout());
                List<long[]> heap = heapAfterCollections(gcLog);
                System.out.printf("SoakIT: %,d jobs x %,d points through 3 nodes in %.1f s (%.0f jobs/s);"
                                + " node killed and back %.1f s later; %d jobs run again; lost workers %s;"
                                + " client heap after GC: first %s, last %s, most %d MB of %d MB, %d collections%n",
                        JOBS, POINTS_PER_JOB, seconds, JOBS / seconds, restartedAfter,
                        report.get("retriedJobs").asLong(), report.get("lostWorkers"), afterValues(heap, true),
                        afterValues(heap, false), heap.stream().mapToLong(gc -> gc[1]).max().orElse(0),
                        heap.isEmpty() ? 0 : heap.get(0)[2], heap.size());

                assertThat(report.get("status").asText()).isEqualTo("complete");
                assertThat(report.at("/counts/jobs").asLong()).isEqualTo(JOBS);
                BigInteger inside = ReferenceEstimate.inside(SEED, JOBS * POINTS_PER_JOB);
                assertThat(report.at("/counts/inside").bigIntegerValue()).isEqualTo(inside);
                assertThat(report.get("retriedJobs").asLong()).as("jobs run again after the kill").isPositive();
                assertThat(report.get("lostWorkers")).as("the killed node, lost although it came back")
                        .anySatisfy(name -> assertThat(name.asText()).isEqualTo(cluster.name(VICTIM)));
                assertEveryJobLoggedOnce(jobsLog, inside, report.get("retriedJobs").asLong());
                assertFlat(heap);
            }
        }
    }

    /**
     * The jobs log holds each id once, its inside column adds up to the reference count, and its attempts
     * show the jobs run again (at most the report's count: a re-run whose first result won is not logged).
     */
    private static void assertEveryJobLoggedOnce(Path jobsLog, BigInteger inside, long retriedJobs)
            throws IOException {
        BitSet seen = new BitSet((int) JOBS);
        long lines = 0;
        long twice = 0;
        long insideSum = 0;
        long extraAttempts = 0;
        try (BufferedReader log = Files.newBufferedReader(jobsLog)) {
            assertThat(log.readLine()).isEqualTo(JobsLog.HEADER);
            for (String line = log.readLine(); line != null; line = log.readLine()) {
                String[] columns = line.split(",");
                int id = Integer.parseInt(columns[0]);
                if (seen.get(id)) {
                    twice++;
                }
                seen.set(id);
                insideSum += Long.parseLong(columns[3]);
                extraAttempts += Long.parseLong(columns[6]) - 1;
                lines++;
            }
        }
        System.out.printf("SoakIT: jobs log %,d lines, %,d distinct jobs, %d counted twice, %,d missing,"
                + " %d attempts beyond the first%n", lines, seen.cardinality(), twice, JOBS - seen.cardinality(),
                extraAttempts);
        assertThat(twice).as("jobs counted twice").isZero();
        assertThat(seen.cardinality()).as("distinct jobs logged").isEqualTo((int) JOBS);
        assertThat(lines).isEqualTo(JOBS);
        assertThat(BigInteger.valueOf(insideSum)).isEqualTo(inside);
        assertThat(extraAttempts).as("attempts beyond the first").isPositive().isLessThanOrEqualTo(retriedJobs);
    }

    /** The heap left after collections in the last tenth of the run is no more than in the first tenth, plus slack. */
    private static void assertFlat(List<long[]> heap) {
        assertThat(heap).as("garbage collections logged").hasSizeGreaterThan(20);
        int tenth = heap.size() / 10;
        long early = heap.subList(0, tenth).stream().mapToLong(gc -> gc[1]).max().orElseThrow();
        long late = heap.subList(heap.size() - tenth, heap.size()).stream().mapToLong(gc -> gc[1]).max().orElseThrow();
        assertThat(late).as("MB in use after GC late in the run, against %d MB early", early).isLessThanOrEqualTo(early + 8);
    }

    /** Before, after and capacity in MB of each collection of the log. */
    private static List<long[]> heapAfterCollections(Path gcLog) throws IOException {
        List<long[]> collections = new ArrayList<>();
        for (String line : Files.readAllLines(gcLog)) {
            Matcher gc = HEAP_AFTER_GC.matcher(line);
            if (gc.find()) {
                collections.add(new long[] {Long.parseLong(gc.group(1)), Long.parseLong(gc.group(2)),
                        Long.parseLong(gc.group(3))});
            }
        }
        return collections;
    }

    private static String afterValues(List<long[]> heap, boolean first) {
        int tenth = Math.max(1, heap.size() / 10);
        List<long[]> part = first ? heap.subList(0, Math.min(tenth, heap.size()))
                : heap.subList(Math.max(0, heap.size() - tenth), heap.size());
        return part.stream().mapToLong(gc -> gc[1]).max().orElse(0) + " MB";
    }
}
