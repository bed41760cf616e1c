package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What scripts see: exit codes, stdout and stderr of the real process, where a stray stack trace, a
 * library's warning or a prompt that waits forever would show, and an in-process test would not.
 */
class ProcessExitCodeIT {

    private static final Duration QUICK = Duration.ofSeconds(30);

    @Test
    void badOptionIsExitCode2WithOneLineAndNoTrace() throws Exception {
        try (DartboardProcess dartboard = DartboardProcess.start("run", "--points", "1M", "--jobs", "0")) {
            assertThat(dartboard.awaitExit(QUICK)).as(dartboard.transcript()).isEqualTo(ExitCodes.USAGE);
            assertThat(dartboard.stdout()).isEmpty();
            assertThat(dartboard.stderr().lines().toList()).as(dartboard.transcript()).hasSize(1);
            assertThat(dartboard.stderr()).contains("--jobs").doesNotContain("Exception", "\tat ");
        }
    }

    @Test
    void unknownOptionIsExitCode2() throws Exception {
        try (DartboardProcess dartboard = DartboardProcess.start("run", "--frobnicate")) {
            assertThat(dartboard.awaitExit(QUICK)).as(dartboard.transcript()).isEqualTo(ExitCodes.USAGE);
            assertThat(dartboard.stderr().lines().toList()).hasSize(1);
            assertThat(dartboard.stderr()).contains("--frobnicate");
        }
    }

    @Test
    void versionExitsZero() throws Exception {
        try (DartboardProcess dartboard = DartboardProcess.start("--version")) {
            assertThat(dartboard.awaitExit(QUICK)).as(dartboard.transcript()).isZero();
            assertThat(dartboard.stdout()).containsPattern("^dartboard \\d+\\.\\d+\\.\\d+");
            assertThat(dartboard.stderr()).isEmpty();
        }
    }

    @Test
    void runHelpExitsZeroWithNothingOnStderr() throws Exception {
        // picocli reports help text it cannot format on System.err, which only a real process shows.
        try (DartboardProcess dartboard = DartboardProcess.start("run", "--help")) {
            assertThat(dartboard.awaitExit(QUICK)).as(dartboard.transcript()).isZero();
            assertThat(dartboard.stdout()).contains("--points", "--jobs", "--total-points", "Exit codes");
            assertThat(dartboard.stderr()).as("stderr of run --help").isEmpty();
        }
    }

    @Test
    void pipedAnswersRunThePlan() throws Exception {
        try (DartboardProcess dartboard = DartboardProcess.start("run", "--seed", "3", "--format", "json")) {
            dartboard.answerAndClose("1000\n16\n");

            assertThat(dartboard.awaitExit(QUICK)).as(dartboard.transcript()).isZero();
            var json = Invocation.STRICT_JSON.readTree(dartboard.stdout());
            assertThat(json.at("/plan/pointsPerJob").asLong()).isEqualTo(1000);
            assertThat(json.at("/plan/jobs").asLong()).isEqualTo(16);
        }
    }

    @Test
    void inputClosedBeforeTheLastAnswerIsExitCode2() throws Exception {
        try (DartboardProcess dartboard = DartboardProcess.start("run", "--seed", "3")) {
            dartboard.answerAndClose("1000\n");

            assertThat(dartboard.awaitExit(QUICK)).as(dartboard.transcript()).isEqualTo(ExitCodes.USAGE);
            assertThat(dartboard.stdout()).isEmpty();
            List<String> stderr = dartboard.stderr().lines().toList();
            assertThat(stderr).last().asString().startsWith("dartboard run:").contains("number of jobs");
            assertThat(dartboard.stderr()).doesNotContain("Exception", "\tat ");
        }
    }
}
