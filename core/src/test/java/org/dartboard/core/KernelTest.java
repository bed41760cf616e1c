package org.dartboard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The kernel chosen for a JVM: the vector kernel where the module is there and it is faster, the scalar
 * kernel with the reason otherwise, decided once per JVM.
 */
class KernelTest {

    @Test
    void autoDecidesOncePerJvmAndSaysWhy() {
        Kernel choice = Kernel.auto();

        assertThat(Kernel.auto()).isSameAs(choice);
        assertThat(choice.name()).isIn("scalar", "vector");
        assertThat(choice.reason()).contains("JDK " + System.getProperty("java.version"));
        if (choice.name().equals("vector")) {
            assertThat(choice.reason()).contains("lanes, calibrated in ").contains("G points/s")
                    .containsPattern("\\((masks|carry bits|half sums); (masks|carry bits|half sums) [0-9.]+; "
                            + "(masks|carry bits|half sums) [0-9.]+\\)");
        } else {
            assertThat(choice.reason()).contains("not 1.25× as fast");
        }
    }

    @Test
    void theChosenKernelCountsLikeTheScalarKernel() {
        assertThat(Kernel.auto().countInside(99, -12_345, 1_000_003))
                .isEqualTo(new ScalarKernel().countInside(99, -12_345, 1_000_003));
    }

    @Test
    void theChosenKernelCountsLatticeJobsLikeTheScalarKernel() {
        JobPlan plan = JobPlan.of(3_000_007, 4, 99).lattice(2);
        for (long id = 0; id < plan.jobs(); id++) {
            JobSpec job = plan.job(id);
            assertThat(Kernel.auto().countInside(job)).as("job %d", id)
                    .isEqualTo(new ScalarKernel().countLatticeInside(Lattice.shift(99, job.replica()),
                            job.firstPoint(), job.points()));
        }
    }

    @Test
    void smallRunsTakeTheScalarKernelWithoutCalibrating() {
        Kernel choice = Kernel.auto(Kernel.AUTO_MIN_POINTS_PER_THREAD - 1);

        assertThat(choice.name()).isEqualTo("scalar");
        assertThat(choice.reason()).startsWith("a small run: 1,073,741,823 points per thread");
    }

    @Test
    void largeRunsTakeTheAutomaticChoice() {
        assertThat(Kernel.auto(Kernel.AUTO_MIN_POINTS_PER_THREAD)).isSameAs(Kernel.auto());
    }

    @Test
    void requestedKernelsSaySo() {
        assertThat(Kernel.scalar().name()).isEqualTo("scalar");
        assertThat(Kernel.scalar().reason()).isEqualTo("requested");

        Kernel vector = Kernel.vector();
        assertThat(vector.name()).isEqualTo("vector");
        assertThat(vector.reason()).startsWith("requested; JDK ").contains("vs scalar").endsWith("G points/s");
    }

    /** The fastest of several candidates that beat scalar, whatever their order; its reason names the others. */
    @Test
    void autoTakesTheFastestCandidate() {
        CountingLoop reference = new Repeated(4, "");
        CountingLoop twice = new Repeated(2, "twice as fast");
        CountingLoop fourTimes = new Repeated(1, "four times as fast");

        for (List<CountingLoop> candidates : List.of(List.of(twice, fourTimes), List.of(fourTimes, twice))) {
            Kernel choice = Kernel.choose(candidates, reference, Duration.ofSeconds(10));

            assertThat(choice.countInside(5, 6, 1000)).isEqualTo(new ScalarKernel().countInside(5, 6, 1000));
            assertThat(choice.reason()).contains("lanes, calibrated in ")
                    .containsPattern(": [0-9.]+ \\(four times as fast; twice as fast [0-9.]+\\) vs [0-9.]+ G points/s$");
        }
    }

    /**
     * A vector kernel that is slower than scalar, as on a JDK whose Vector API is slow or with two NEON lanes,
     * or only a little faster, is never chosen: scalar wins a draw.
     */
    @Test
    void autoNeverTakesACandidateThatIsNotClearlyFaster() {
        CountingLoop scalar = new ScalarKernel();
        List<CountingLoop> slower = List.of(new Repeated(2, "half as fast"), new Repeated(1, "as fast"));

        Kernel choice = Kernel.choose(slower, scalar, Duration.ofMillis(300));

        assertThat(choice.name()).isEqualTo("scalar");
        assertThat(choice.reason()).contains("the vector kernel was not 1.25× as fast in ")
                .containsPattern("\\(as fast; half as fast [0-9.]+\\) vs [0-9.]+ G points/s$");
    }

    /**
     * A race won while the scalar loop was not compiled yet, against a candidate that is in truth no faster,
     * as with JDK 17 on AVX2: the duel after the race takes it back.
     */
    @Test
    void aRaceWonOnlyAtTheStartIsTakenBackByTheDuel() {
        CountingLoop reference = new Repeated(4, "");
        CountingLoop fastAtFirst = new Repeated(1, "fast at first") {
            private int calls;

            @Override
            public long countInside(long seed, long first, long count) {
                // Four times as fast as the reference for the race's winning rounds, then only as fast.
                return ++calls <= KernelCalibration.WINNING_ROUNDS ? super.countInside(seed, first, count)
                        : reference.countInside(seed, first, count);
            }
        };

        Kernel choice = Kernel.choose(List.of(fastAtFirst), reference, Duration.ofSeconds(10));

        assertThat(choice.name()).isEqualTo("scalar");
        assertThat(choice.unsettled()).as("as fast as scalar once compiled: settled").isFalse();
        assertThat(choice.reason()).contains("it won the race, but was ").contains("× as fast in a duel after it");
    }

    /**
     * A race won, and a duel right after it lost by far, as a busy machine's JIT gave (a loop at 2.4× the
     * scalar speed in its race, 0.56× in the duel): the code was still changing, so scalar, unsettled.
     */
    @Test
    void aWinnerFarSlowerInTheDuelLeavesTheChoiceUnsettled() {
        CountingLoop reference = new Repeated(4, "");
        CountingLoop slowAfterItsWin = new Repeated(1, "slow after its win") {
            private int calls;

            @Override
            public long countInside(long seed, long first, long count) {
                // Four times as fast for the race's winning rounds, then half as fast as the reference.
                if (++calls <= KernelCalibration.WINNING_ROUNDS) {
                    return super.countInside(seed, first, count);
                }
                reference.countInside(seed, first, count);
                return reference.countInside(seed, first, count);
            }
        };

        Kernel choice = Kernel.choose(List.of(slowAfterItsWin), reference, Duration.ofSeconds(10));

        assertThat(choice.name()).isEqualTo("scalar");
        assertThat(choice.unsettled()).as(choice.reason()).isTrue();
        assertThat(choice.reason()).contains("it won the race, but was ").contains("its code was still changing");
    }

    @Test
    void aCandidateThatMiscountsIsNeverTaken() {
        CountingLoop wrong = new Repeated(1, "wrong") {
            @Override
            public long countInside(long seed, long first, long count) {
                return super.countInside(seed, first, count) + 1;
            }
        };

        Kernel choice = Kernel.choose(List.of(new Repeated(1, "right"), wrong), new Repeated(4, ""), Duration.ofSeconds(10));

        assertThat(choice.name()).isEqualTo("scalar");
        assertThat(choice.reason()).startsWith("the vector kernel disagreed with the scalar kernel");
    }

    /** {@link RepeatedScalarLoop} named as the rules read it: a variant makes a vector loop, none the scalar. */
    private static class Repeated extends RepeatedScalarLoop {

        Repeated(int times, String variant) {
            super(times, variant.isEmpty() ? "scalar" : "vector", variant);
        }
    }

    /**
     * A JVM started without {@code --add-modules jdk.incubator.vector} (such as {@code java -jar} without the
     * launcher) gets the scalar kernel and the reason, not a NoClassDefFoundError; asking for the vector
     * kernel there fails with the same reason.
     */
    @Test
    void withoutTheModuleTheScalarKernelRunsAndTheReasonSaysWhy() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                KernelChoiceProbe.class.getName())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).isEqualTo("auto: scalar (JDK " + System.getProperty("java.version")
                + " was started without --add-modules jdk.incubator.vector)\n"
                + "vector: JDK " + System.getProperty("java.version")
                + " was started without --add-modules jdk.incubator.vector\n");
    }

    @Test
    void aJobIsCountedInChunksWithItsTimingsAndItsWorker() {
        JobSpec job = new JobSpec(3, 0xC0FFEE, -Kernel.CHUNK_POINTS, 2 * Kernel.CHUNK_POINTS + 3);

        JobResult result = Kernel.scalar().count(job, "local-1", () -> false);

        assertThat(result.jobId()).isEqualTo(3);
        assertThat(result.points()).isEqualTo(job.points());
        assertThat(result.inside()).isEqualTo(new ScalarKernel().countInside(job.seed(), job.firstPoint(), job.points()));
        assertThat(result.worker()).isEqualTo("local-1");
        assertThat(result.busyNanos()).isPositive();
    }

    @Test
    void aCancelledJobStopsBetweenChunksWithoutAResult() {
        JobSpec job = new JobSpec(0, 1, 0, 10 * Kernel.CHUNK_POINTS);
        int[] checks = {0};

        JobResult result = Kernel.scalar().count(job, "local-1", () -> ++checks[0] > 2);

        assertThat(result).isNull();
        assertThat(checks[0]).as("checked before each chunk, stopped at the third").isEqualTo(3);
    }

    @Test
    void aChoiceGivesItsKernel() {
        assertThat(Kernel.of(Kernel.Choice.SCALAR, Long.MAX_VALUE).reason()).isEqualTo("requested");
        assertThat(Kernel.of(Kernel.Choice.AUTO, 1).name()).isEqualTo("scalar");
        assertThat(Kernel.of(Kernel.Choice.AUTO, Kernel.AUTO_MIN_POINTS_PER_THREAD)).isSameAs(Kernel.auto());
    }
}
