package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The kernel in a real {@code java -jar} process: without {@code --add-modules jdk.incubator.vector} (a plain
 * Java 17 runtime, or the jar run without the launcher) dartboard runs the scalar kernel and says why, and
 * asking for the vector kernel there is bad usage in one line, never a NoClassDefFoundError; with the module
 * the vector kernel runs and the JVM's one warning line is all there is on stderr.
 */
class KernelOptionIT {

    private static final Duration QUICK = Duration.ofSeconds(60);
    private static final String NO_MODULE = "was started without --add-modules jdk.incubator.vector";

    @Test
    void withoutTheModuleAskingForVectorIsOneLineOfBadUsage() throws Exception {
        try (DartboardProcess dartboard = DartboardProcess.start("run", "-n", "1000", "-m", "1", "--kernel",
                "vector")) {
            assertThat(dartboard.awaitExit(QUICK)).as(dartboard.transcript()).isEqualTo(ExitCodes.USAGE);
            assertThat(dartboard.stdout()).isEmpty();
            assertThat(dartboard.stderr().lines().toList()).as(dartboard.transcript()).hasSize(1);
            assertThat(dartboard.stderr()).contains("--kernel", NO_MODULE).doesNotContain("Exception", "\tat ");
        }
    }

    @Test
    void withoutTheModuleAutoRunsScalarAndSaysWhy() throws Exception {
        // 2^30 points on one thread: large enough for auto to consider the vector kernel.
        try (DartboardProcess dartboard = DartboardProcess.start("run", "--total-points", "2^30", "--threads", "1",
                "--seed", "5", "--format", "json")) {
            assertThat(dartboard.awaitExit(QUICK)).as(dartboard.transcript()).isZero();
            assertThat(dartboard.stderr()).isEmpty();
            JsonNode json = new ObjectMapper().readTree(dartboard.stdout());
            assertThat(json.get("kernel").asText()).isEqualTo("scalar");
            assertThat(json.get("kernelReason").asText()).contains(NO_MODULE);
        }
    }

    @Test
    void withTheModuleTheVectorKernelRuns() throws Exception {
        try (DartboardProcess dartboard = DartboardProcess.start(List.of("--add-modules", "jdk.incubator.vector"),
                "run", "-n", "1000003", "-m", "4", "--seed", "9", "--kernel", "vector", "--format", "json")) {
            assertThat(dartboard.awaitExit(QUICK)).as(dartboard.transcript()).isZero();
            assertThat(dartboard.stderr().lines().toList()).as("stderr: the JVM's own warning, nothing else")
                    .containsExactly("WARNING: Using incubator modules: jdk.incubator.vector");
            JsonNode json = new ObjectMapper().readTree(dartboard.stdout());
            assertThat(json.get("kernel").asText()).isEqualTo("vector");
            assertThat(json.at("/counts/inside").bigIntegerValue()).isEqualTo(ReferenceEstimate.inside(9, 4_000_012));
        }
    }
}
