package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import org.dartboard.core.Kernel;
import org.junit.jupiter.api.Test;

/**
 * {@code --kernel scalar|vector|auto}: the kernel that counts, said with its reason in the text report and
 * in JSON ({@code kernel}, {@code kernelReason}), and the same count whichever kernel ran. The tests' JVM
 * has {@code jdk.incubator.vector} (surefire's argLine), so the vector kernel can run here on any JDK.
 */
class KernelOptionTest {

    private static final long SEED = 2026;

    @Test
    void scalarWhenAskedFor() {
        Invocation run = Invocation.of("run", "--points", "100003", "--jobs", "3", "--seed", "2026", "--kernel",
                "scalar");

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("· kernel scalar (requested)");
    }

    @Test
    void vectorWhenAskedForCountsLikeTheReferenceKernel() {
        long points = 1_000_003;
        Invocation run = Invocation.of("run", "--points", String.valueOf(points), "--jobs", "5", "--seed",
                String.valueOf(SEED), "--kernel", "vector", "--format", "json");

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.err()).isEmpty();
        JsonNode json = run.json();
        assertThat(json.get("kernel").asText()).isEqualTo("vector");
        assertThat(json.get("kernelReason").asText()).startsWith("requested; JDK ").contains("lanes, calibrated in");
        assertThat(json.at("/counts/inside").bigIntegerValue()).isEqualTo(ReferenceEstimate.inside(SEED, 5 * points));
    }

    @Test
    void autoTakesTheScalarKernelForASmallRunAndSaysWhy() {
        Invocation run = Invocation.of("run", "--points", "1000", "--jobs", "8", "--seed", "1", "--threads", "2",
                "--format", "json");

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("kernel").asText()).isEqualTo("scalar");
        assertThat(json.get("kernelReason").asText()).startsWith("a small run: 4,000 points per thread");
    }

    /** A run large enough to calibrate gets this JVM's one automatic choice, whichever kernel won. */
    @Test
    void autoTakesTheJvmsChoiceForALargeRun() {
        long points = Kernel.AUTO_MIN_POINTS_PER_THREAD;
        Invocation run = Invocation.of("run", "--total-points", String.valueOf(points), "--threads", "1", "--seed",
                String.valueOf(SEED), "--kernel", "auto");

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        Kernel choice = Kernel.auto();
        assertThat(run.out()).contains("· kernel " + choice.name() + " (" + choice.reason() + ")");
        assertThat(run.out()).contains(TextReport.grouped(ReferenceEstimate.inside(SEED, points)) + " / "
                + TextReport.grouped(BigInteger.valueOf(points)));
    }

    @Test
    void anUnknownKernelIsBadUsageNamingTheChoices() {
        Invocation run = Invocation.of("run", "-n", "1", "-m", "1", "--kernel", "gpu");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("--kernel", "gpu", "auto, scalar, vector");
    }

    @Test
    void aKernelForNodesIsBadUsage() {
        Invocation run = Invocation.of("run", "-n", "1", "-m", "1", "--nodes", "127.0.0.1", "--kernel", "vector");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("--kernel", "vector applies to local runs only");
    }

    @Test
    void helpDocumentsTheKernels() {
        Invocation run = Invocation.of("run", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--kernel=KERNEL", "auto, scalar, vector", "launcher");
    }
}
