package org.dartboard.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.dartboard.core.Count;
import org.dartboard.core.JobPlan;
import org.dartboard.core.Kernel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The promise of docs/design.md, end to end: the count of a run depends on its seed and total only, never on
 * the threads, the split into jobs, the order jobs finish in, or the farm's chunking. Every run is
 * checked against one straight call of the reference kernel over the whole range.
 */
class RunCountTest {

    /** Over two of LocalFarm's chunks, so jobs of one or two chunks plus a tail are all exercised. */
    private static final long TOTAL = 8_400_000;

    private static final long[] SEEDS = {0, -1, 0x5DEECE66DL};
    private static final int[] THREADS = {1, 2, 3, 8};

    private static final Kernel REFERENCE = Kernel.scalar();

    /** The same total split in every way a user or {@link JobPlan#splitting} might split it. */
    private static List<JobPlan> splits(long seed) {
        return List.of(
                JobPlan.of(TOTAL, 1, seed),
                JobPlan.of(TOTAL / 2, 2, seed),
                JobPlan.of(100, TOTAL / 100, seed),
                new JobPlan(seed, BigInteger.valueOf(TOTAL), Kernel.CHUNK_POINTS + 1),
                JobPlan.splitting(BigInteger.valueOf(TOTAL), seed));
    }

    static Stream<Arguments> seedsThreadsAndSplits() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (long seed : SEEDS) {
            long expectedInside = REFERENCE.countInside(seed, 0, TOTAL);
            for (int threads : THREADS) {
                for (JobPlan plan : splits(seed)) {
                    cases.add(Arguments.of(plan, threads, expectedInside));
                }
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} on {1} threads")
    @MethodSource("seedsThreadsAndSplits")
    void countsWhatTheReferenceKernelCountsOverTheWholeRange(JobPlan plan, int threads, long expectedInside) {
        RunOutcome outcome;
        try (LocalFarm farm = new LocalFarm(threads, Kernel.scalar())) {
            outcome = Runs.of(plan, farm, 64, List.of()).execute();
        }

        assertThat(outcome.ending()).isEqualTo(RunOutcome.Ending.COMPLETE);
        assertThat(outcome.count()).isEqualTo(
                new Count(plan.jobs(), BigInteger.valueOf(TOTAL), BigInteger.valueOf(expectedInside)));
    }

    /** The splits really are different plans of one total, or the test above would prove little. */
    @ParameterizedTest
    @MethodSource("seeds")
    void splitsDifferButShareTheirTotal(long seed) {
        List<JobPlan> plans = splits(seed);
        assertThat(plans).extracting(JobPlan::totalPoints).containsOnly(BigInteger.valueOf(TOTAL));
        assertThat(plans).extracting(JobPlan::pointsPerJob).doesNotHaveDuplicates();
        assertThat(plans).anyMatch(plan -> !plan.isUniform());
    }

    static Stream<Long> seeds() {
        return Arrays.stream(SEEDS).boxed();
    }
}
