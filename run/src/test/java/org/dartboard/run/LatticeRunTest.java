package org.dartboard.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.stream.LongStream;
import org.dartboard.core.Count;
import org.dartboard.core.Estimate;
import org.dartboard.core.JobPlan;
import org.dartboard.core.JobSpec;
import org.dartboard.core.Kernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Lattice darts through the whole run: the count, each replica's included, depends on the seed, the total and
 * the replicas only; the estimate's error bar comes from the replicas; a lattice journal records the darts
 * and resumes to the uninterrupted count.
 */
class LatticeRunTest {

    private static final BigInteger TOTAL = BigInteger.valueOf(480_000);
    private static final int REPLICAS = 16;

    @TempDir
    Path folder;

    private static Count reference(long seed) {
        JobPlan whole = new JobPlan(seed, TOTAL, TOTAL.longValueExact()).lattice(REPLICAS);
        Tally tally = new Tally(whole);
        for (long id = 0; id < whole.jobs(); id++) {
            JobSpec job = whole.job(id);
            tally.add(Kernel.scalar().count(job, "reference", () -> false));
        }
        return tally.count();
    }

    @ParameterizedTest(name = "jobs of {0} points on {1} threads")
    @CsvSource({"30000, 1", "30000, 3", "1001, 2", "7, 2"})
    void theCountDependsOnTheSeedTotalAndReplicasOnly(long pointsPerJob, int threads) {
        JobPlan plan = new JobPlan(31, TOTAL, pointsPerJob).lattice(REPLICAS);

        RunOutcome outcome = Estimation.of(plan).on(Farms.local().threads(threads)).build().run();

        Count expected = reference(31);
        assertThat(outcome.count().inside()).isEqualTo(expected.inside());
        assertThat(outcome.count().replicas()).isEqualTo(expected.replicas());
        assertThat(outcome.count().replicas().size()).isEqualTo(REPLICAS);
        Estimate estimate = outcome.estimate().orElseThrow();
        assertThat(estimate.errorBar()).isEqualTo(Estimate.ErrorBar.REPLICAS);
        assertThat(estimate.degreesOfFreedom()).isEqualTo(REPLICAS - 1);
        assertThat(estimate.standardError()).as("far below random darts' at as many points")
                .isLessThan(Estimate.binomialStandardError(outcome.count()) / 3);
    }

    @Test
    void aLatticeJournalRecordsItsDartsAndResumesToTheUninterruptedCount() {
        JobPlan plan = new JobPlan(8, TOTAL, 10_000).lattice(REPLICAS);
        Path file = JournalFiles.write(folder.resolve("lattice.journal"), plan, "0.0.1", LongStream.range(0, 13));

        assertThat(JournalFiles.read(file).plan()).isEqualTo(plan);
        RunOutcome outcome = Estimation.resume(file).build().run();

        assertThat(outcome.plan().darts()).isEqualTo(JobPlan.Darts.LATTICE);
        assertThat(outcome.countedBefore().jobs()).isEqualTo(13);
        assertThat(outcome.count().replicas()).isEqualTo(reference(8).replicas());
        assertThat(JournalFiles.read(file).complete()).isTrue();
    }
}
