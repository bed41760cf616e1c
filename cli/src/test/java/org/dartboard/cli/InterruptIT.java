package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Ctrl-C stops a run cleanly: the estimate from the jobs finished so far is printed and marked partial,
 * and the exit code is 130, as shells report a program ended by SIGINT.
 */
class InterruptIT {

    /** Jobs of a few hundredths of a second, so some finish before the signal; far too many to finish. */
    private static final long POINTS_PER_JOB = 20_000_000;
    private static final long JOBS = 10_000;
    private static final Duration BEFORE_SIGNAL = Duration.ofMillis(1500);
    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final Duration STOP = Duration.ofSeconds(20);

    @Test
    void ctrlCPrintsThePartialEstimateAndExits130() throws Exception {
        try (DartboardProcess dartboard = DartboardProcess.start("run", "--points", String.valueOf(POINTS_PER_JOB),
                "--jobs", String.valueOf(JOBS), "--seed", "7")) {
            // The plan line is printed once the run (and its signal handler) has started.
            dartboard.awaitStdoutLine(line -> line.startsWith("dartboard ") && line.contains(" jobs × "), STARTUP);
            Thread.sleep(BEFORE_SIGNAL.toMillis());
            dartboard.interrupt();

            assertThat(dartboard.awaitExit(STOP)).as(dartboard.transcript()).isEqualTo(ExitCodes.INTERRUPTED);
            assertThat(dartboard.stdout()).contains("PARTIAL", "interrupted").containsPattern("π ≈ \\d\\.\\d+ ± ");
            assertThat(dartboard.stdout()).containsPattern("inside / total\\s+[\\d,]+ / [\\d,]+");
            assertThat(dartboard.stderr()).doesNotContain("Exception", "\tat ");
        }
    }

    @Test
    void ctrlCInJsonGivesAnInterruptedDocumentOfWholeJobs() throws Exception {
        try (DartboardProcess dartboard = DartboardProcess.start("run", "--points", String.valueOf(POINTS_PER_JOB),
                "--jobs", String.valueOf(JOBS), "--seed", "7", "--format", "json")) {
            // JSON prints nothing before the end: wait for the farm's first worker instead of a plan line.
            dartboard.awaitThread("local-1", STARTUP);
            Thread.sleep(BEFORE_SIGNAL.toMillis());
            dartboard.interrupt();

            assertThat(dartboard.awaitExit(STOP)).as(dartboard.transcript()).isEqualTo(ExitCodes.INTERRUPTED);
            JsonNode json = Invocation.STRICT_JSON.readTree(dartboard.stdout());
            assertThat(json.get("status").asText()).isEqualTo("interrupted");
            assertThat(json.get("complete").asBoolean()).isFalse();
            long jobsDone = json.at("/counts/jobs").asLong();
            assertThat(jobsDone).isPositive().isLessThan(JOBS);
            // A job is counted whole or not at all: cancelled jobs leave no stray points behind.
            assertThat(json.at("/counts/points").bigIntegerValue())
                    .isEqualTo(BigInteger.valueOf(jobsDone).multiply(BigInteger.valueOf(POINTS_PER_JOB)));
            assertThat(json.get("estimate").isObject()).as("an estimate from the finished jobs").isTrue();
            assertThat(json.at("/estimate/pi").asDouble()).isBetween(3.1, 3.2);
            assertThat(json.at("/plan/jobs").asLong()).isEqualTo(JOBS);
        }
    }
}
