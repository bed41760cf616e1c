package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.dartboard.core.Count;
import org.dartboard.core.JobResult;
import org.dartboard.core.JobSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code --jobs-log}: one CSV line per counted job, adding up to the run's own totals. */
class JobsLogTest {

    @TempDir
    Path folder;

    @Test
    void everyJobHasOneLineAndTheLinesAddUpToTheRun() throws IOException {
        Path log = folder.resolve("jobs.csv");

        Invocation run = Invocation.of("run", "--points", "100000", "--jobs", "37", "--seed", "9", "--format", "json",
                "--jobs-log", log.toString());

        assertThat(run.exitCode()).isZero();
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo(JobsLog.HEADER);
        assertThat(lines).hasSize(1 + 37);
        Set<Long> ids = new TreeSet<>();
        BigInteger inside = BigInteger.ZERO;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            assertThat(cells).hasSize(7);
            ids.add(Long.parseLong(cells[0]));
            assertThat(cells[1]).startsWith("local-");
            assertThat(cells[2]).isEqualTo("100000");
            inside = inside.add(new BigInteger(cells[3]));
            assertThat(Instant.parse(cells[5])).isAfterOrEqualTo(Instant.parse(cells[4]));
            assertThat(cells[6]).isEqualTo("1");
        }
        assertThat(ids).hasSize(37).first().isEqualTo(0L);
        assertThat(ids).last().isEqualTo(36L);
        JsonNode counts = run.json().get("counts");
        assertThat(inside).isEqualTo(counts.get("inside").bigIntegerValue());
    }

    @Test
    void aJobRunAgainShowsItsAttempts() throws IOException {
        Path file = folder.resolve("retried.csv");
        JobSpec job = new JobSpec(5, 1, 500, 10);
        try (JobsLog log = new JobsLog(file).open()) {
            log.jobRetried(job, 2, "its worker node-a was lost");
            log.jobRetried(job, 3, "its worker node-b was lost");
            log.jobCounted(new JobResult(5, 10, 8, "node-c", 0, 2_000_000), Count.NONE);
            log.jobCounted(new JobResult(6, 10, 7, "a \"quoted\", name", 0, 0), Count.NONE);
        }

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);

        assertThat(lines).containsExactly(JobsLog.HEADER,
                "5,node-c,10,8,1970-01-01T00:00:00Z,1970-01-01T00:00:00.002Z,3",
                "6,\"a \"\"quoted\"\", name\",10,7,1970-01-01T00:00:00Z,1970-01-01T00:00:00Z,1");
    }

    @Test
    void aJobRunAgainByTheClustersFailoverCountsAnAttemptToo() throws IOException {
        Path file = folder.resolve("failover.csv");
        JobSpec failedOver = new JobSpec(7, 1, 700, 10);
        JobSpec both = new JobSpec(8, 1, 800, 10);
        try (JobsLog log = new JobsLog(file).open()) {
            log.jobRetried(failedOver, 2, "run again by the cluster after its node was lost");
            log.jobRetried(both, 2, "its worker node-a was lost");
            log.jobRetried(both, 3, "run again by the cluster after its node was lost");
            log.jobCounted(new JobResult(7, 10, 8, "node-b", 0, 0), Count.NONE);
            log.jobCounted(new JobResult(8, 10, 9, "node-b", 0, 0), Count.NONE);
        }

        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).extracting(line -> line.split(",")[6])
                .containsExactly("attempts", "2", "3");
    }

    /** A run refused after its options were read: by its nodes, its journal, its own outputs or its settings. */
    static Stream<Arguments> refusedRuns() {
        return Stream.of(
                Arguments.of("no node answers", ExitCodes.FAILED, List.of("--nodes", "127.0.0.1:1",
                        "--connect-timeout", "1s")),
                Arguments.of("the --journal exists", ExitCodes.USAGE, List.of("--journal", "EXISTING")),
                Arguments.of("the --plot is the same file", ExitCodes.USAGE, List.of("--plot", "LOG")),
                Arguments.of("the --plot's folder is missing", ExitCodes.USAGE, List.of("--plot",
                        "no/such/folder/run.png")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedRuns")
    void aRefusedRunLeavesAnEarlierLogByteForByte(String why, int exitCode, List<String> options)
            throws IOException {
        Path log = folder.resolve("jobs.png");
        byte[] earlier = "job,worker,points,inside,start,end,attempts\n0,local-1,10,8,x,y,1\n"
                .getBytes(StandardCharsets.UTF_8);
        Files.write(log, earlier);
        Path existing = Files.writeString(folder.resolve("existing.journal"), "not a journal\n");
        List<String> args = new ArrayList<>(List.of("run", "--points", "10", "--jobs", "2", "--jobs-log",
                log.toString()));
        options.forEach(option -> args.add(option.replace("EXISTING", existing.toString())
                .replace("LOG", log.toString()).replace("no/such", folder.resolve("no/such").toString())));

        Invocation run = Invocation.of(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(exitCode);
        assertThat(run.errLines()).as(run.transcript()).hasSize(1);
        assertThat(Files.readAllBytes(log)).as("the earlier log, after: " + why).isEqualTo(earlier);
    }

    @Test
    void anUnwritableLogIsBadUsageBeforeAnyWork() {
        Invocation run = Invocation.of("run", "--points", "10", "--jobs", "1", "--jobs-log",
                folder.resolve("no/such/folder/jobs.csv").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1).first().asString()
                .contains("--jobs-log").contains("no/such/folder/jobs.csv");
        assertThat(run.out()).isEmpty();
    }
}
