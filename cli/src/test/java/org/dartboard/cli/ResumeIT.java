package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.StreamSupport;
import org.dartboard.run.JournalFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar killed for real (SIGKILL: no shutdown hook, no last flush; and Ctrl-C) and resumed from
 * its journal: the resumed run exits 0, does not run again the jobs the journal holds, and counts exactly
 * what an uninterrupted run of the same seed counts.
 */
class ResumeIT {

    /** 10^9 points in jobs of about a millisecond on one thread: a couple of seconds, so a kill lands mid-run. */
    private static final String POINTS = "500000";
    private static final long JOBS = 2_000;
    private static final String SEED = "11";
    /** Jobs the journal must hold before the kill: enough to show they are not re-done, far from all. */
    private static final long BEFORE_KILL = 100;
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration FINISH = Duration.ofSeconds(120);

    /** This test's own loopback address and ports, apart from every other test's. */
    private static final String NODE_ADDRESS = "127.0.0.30";
    private static final int NODE_CLIENT_PORT = 13800;
    private static final int NODE_DISCOVERY_PORT = 50500;
    private static final int NODE_COMMUNICATION_PORT = 50100;

    private static BigInteger uninterruptedInside;

    @TempDir
    Path folder;

    @Test
    void killedTwiceWithSigkillAndResumedCountsLikeAnUninterruptedRun() throws Exception {
        Path file = folder.resolve("killed.journal");
        long afterFirstKill;
        try (DartboardProcess first = DartboardProcess.start("run", "--points", POINTS, "--jobs", String.valueOf(JOBS),
                "--seed", SEED, "--threads", "1", "--kernel", "scalar", "--journal", file.toString())) {
            awaitJournalJobs(first, file, BEFORE_KILL);
            first.kill();
            afterFirstKill = JournalFiles.read(file).jobs();
        }
        assertThat(afterFirstKill).as("jobs in the journal after kill -9").isBetween(BEFORE_KILL, JOBS - 1);

        // Resumed, and killed again: the resumed run appends to the same journal.
        long afterSecondKill;
        try (DartboardProcess second = DartboardProcess.start("run", "--resume", file.toString(), "--threads", "1",
                "--kernel", "scalar")) {
            awaitJournalJobs(second, file, afterFirstKill + BEFORE_KILL);
            second.kill();
            afterSecondKill = JournalFiles.read(file).jobs();
        }
        assertThat(afterSecondKill).as("jobs in the journal after the second kill -9")
                .isBetween(afterFirstKill + BEFORE_KILL, JOBS - 1);

        try (DartboardProcess last = DartboardProcess.start("run", "--resume", file.toString(), "--format", "json")) {
            assertThat(last.awaitExit(FINISH)).as(last.transcript()).isZero();
            JsonNode json = Invocation.STRICT_JSON.readTree(last.stdout());
            System.out.printf("ResumeIT: killed with %d, then %d of %d jobs in the journal; the last run counted %d%n",
                    afterFirstKill, afterSecondKill, JOBS, jobsRunByWorkers(json));

            assertThat(json.get("status").asText()).isEqualTo("complete");
            assertThat(json.at("/counts/jobs").asLong()).isEqualTo(JOBS);
            assertThat(json.at("/counts/inside").bigIntegerValue()).isEqualTo(uninterruptedInside());
            assertThat(json.at("/journal/jobsFromJournal").asLong()).isEqualTo(afterSecondKill);
            assertThat(jobsRunByWorkers(json)).as("jobs the resumed run ran itself")
                    .isEqualTo(JOBS - afterSecondKill).isLessThan(JOBS);
        }
        JournalFiles.Contents journal = JournalFiles.read(file);
        assertThat(journal.complete()).isTrue();
        assertThat(journal.inside()).isEqualTo(uninterruptedInside());
    }

    @Test
    void ctrlCPrintsTheCommandThatResumesAndThatCommandFinishesTheRun() throws Exception {
        Path file = folder.resolve("interrupted.journal");
        String resumeCommand;
        long interruptedAfter;
        try (DartboardProcess first = DartboardProcess.start("run", "--points", POINTS, "--jobs", String.valueOf(JOBS),
                "--seed", SEED, "--threads", "1", "--journal", file.toString())) {
            awaitJournalJobs(first, file, BEFORE_KILL);
            first.interrupt();
            assertThat(first.awaitExit(FINISH)).as(first.transcript()).isEqualTo(ExitCodes.INTERRUPTED);
            resumeCommand = first.stdout().lines().filter(line -> line.startsWith("Resume with: "))
                    .map(line -> line.substring("Resume with: ".length())).findFirst()
                    .orElseThrow(() -> new AssertionError("no resume command in:\n" + first.transcript()));
            interruptedAfter = Long.parseLong(first.stdout().replaceAll("(?s).*interrupted after ([\\d,]+) of.*", "$1")
                    .replace(",", ""));
        }
        // Started with java -jar, not the launcher: the command says so, and works as it is.
        String launcher = "java -jar " + DartboardProcess.jar().toAbsolutePath() + " ";
        assertThat(resumeCommand).isEqualTo(launcher + "run --resume " + file.toAbsolutePath() + " --threads 1");
        // A clean stop writes every counted job: the journal holds exactly what the report counted.
        assertThat(JournalFiles.read(file).jobs()).isEqualTo(interruptedAfter);

        List<String> args = new ArrayList<>(Arrays.asList(resumeCommand.substring(launcher.length()).split(" ")));
        args.addAll(List.of("--format", "json"));
        try (DartboardProcess resumed = DartboardProcess.start(args.toArray(String[]::new))) {
            assertThat(resumed.awaitExit(FINISH)).as(resumed.transcript()).isZero();
            JsonNode json = Invocation.STRICT_JSON.readTree(resumed.stdout());

            assertThat(json.at("/counts/inside").bigIntegerValue()).isEqualTo(uninterruptedInside());
            assertThat(json.at("/journal/jobsFromJournal").asLong()).isEqualTo(interruptedAfter);
            assertThat(jobsRunByWorkers(json)).isEqualTo(JOBS - interruptedAfter);
        }
    }

    /** A long run keeps a journal unasked, in the state directory, names it at once and says how to resume. */
    @Test
    void aLongRunKeepsADefaultJournalInTheStateDirectory() throws Exception {
        Path stateDirectory = DartboardProcess.jar().resolveSibling("it-state").resolve("dartboard").resolve("journals");
        try (DartboardProcess run = DartboardProcess.start("run", "--total-points", "1e11", "--seed", "5",
                "--threads", "1", "--kernel", "scalar")) {
            String journalLine = run.awaitStdoutLine(line -> line.startsWith("  journal "), STARTUP);
            Path file = Path.of(journalLine.substring("  journal ".length()).replaceAll(" \\(.*", ""));
            assertThat(file.getParent()).isEqualTo(stateDirectory);
            assertThat(journalLine).contains("deleted once complete");
            awaitJournalJobs(run, file, 1);
            run.interrupt();

            assertThat(run.awaitExit(FINISH)).as(run.transcript()).isEqualTo(ExitCodes.INTERRUPTED);
            assertThat(run.stdout()).contains("Resume with: java -jar " + DartboardProcess.jar().toAbsolutePath()
                    + " run --resume " + file + " --threads 1 --kernel scalar");
            assertThat(file).as("an unfinished run's journal is kept").exists();
            assertThat(JournalFiles.read(file).plan().totalPoints()).isEqualTo(BigInteger.TEN.pow(11));
            Files.delete(file);
        }
    }

    /** A cluster client killed mid-run is resumed through the same node; the node serves the new client. */
    @Test
    void aClusterRunKilledWithSigkillIsResumedThroughItsNode() throws Exception {
        Path file = folder.resolve("cluster.journal");
        try (NodeCluster cluster = new NodeCluster(NODE_ADDRESS, NODE_CLIENT_PORT, NODE_DISCOVERY_PORT,
                NODE_COMMUNICATION_PORT)) {
            cluster.startAndAwaitReady(NODE_ADDRESS);
            String nodes = cluster.pattern(NODE_ADDRESS);
            long afterKill;
            try (DartboardProcess first = DartboardProcess.start("run", "--nodes", nodes, "--points", POINTS, "--jobs",
                    String.valueOf(JOBS), "--seed", SEED, "--journal", file.toString())) {
                awaitJournalJobs(first, file, BEFORE_KILL);
                first.kill();
                afterKill = JournalFiles.read(file).jobs();
            }
            assertThat(afterKill).isBetween(BEFORE_KILL, JOBS - 1);

            try (DartboardProcess resumed = DartboardProcess.start("run", "--resume", file.toString(), "--nodes", nodes,
                    "--format", "json")) {
                assertThat(resumed.awaitExit(FINISH)).as(resumed.transcript()).isZero();
                JsonNode json = Invocation.STRICT_JSON.readTree(resumed.stdout());

                assertThat(json.at("/counts/inside").bigIntegerValue()).isEqualTo(uninterruptedInside());
                assertThat(json.at("/journal/jobsFromJournal").asLong()).isEqualTo(afterKill);
                assertThat(jobsRunByWorkers(json)).isEqualTo(JOBS - afterKill);
                assertThat(json.at("/workers/0/name").asText()).isEqualTo(cluster.name(NODE_ADDRESS));
            }
        }
    }

    private static void awaitJournalJobs(DartboardProcess run, Path file, long jobs) throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!run.isAlive()) {
                throw new AssertionError("ended before its journal held " + jobs + " jobs:\n" + run.transcript());
            }
            if (Files.exists(file) && jobsIn(file) >= jobs) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the journal " + file + " did not reach " + jobs + " jobs:\n" + run.transcript());
    }

    private static long jobsIn(Path file) {
        try {
            return JournalFiles.read(file).jobs();
        } catch (UncheckedIOException headerNotWrittenYet) {
            return 0;
        }
    }

    private static long jobsRunByWorkers(JsonNode json) {
        return StreamSupport.stream(json.get("workers").spliterator(), false).mapToLong(w -> w.get("jobs").asLong())
                .sum();
    }

    /** The same plan and seed run by the jar without interruption, once for the class. */
    private static synchronized BigInteger uninterruptedInside() throws Exception {
        if (uninterruptedInside == null) {
            try (DartboardProcess run = DartboardProcess.start("run", "--points", POINTS, "--jobs",
                    String.valueOf(JOBS), "--seed", SEED, "--no-journal", "--format", "json")) {
                assertThat(run.awaitExit(FINISH)).as(run.transcript()).isZero();
                uninterruptedInside = Invocation.STRICT_JSON.readTree(run.stdout()).at("/counts/inside").bigIntegerValue();
            }
        }
        return uninterruptedInside;
    }
}
