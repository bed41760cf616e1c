package org.dartboard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whole runs behave as the error bars say: over many seeds, the z-scores of the estimates are standard
 * normal. Deterministic: the seeds come from a fixed generator, so the p-value is the same every time.
 */
class EstimateStatisticsTest {

    private static final int RUNS = 1000;
    private static final double SIGNIFICANCE = 0.001;
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);

    private static double[] zScores;

    private final CountingLoop kernel = new ScalarKernel();

    /** One z-score per run of 10^5 to 3·10^5 points, each run with its own seed; shared by the tests. */
    @BeforeAll
    static void runManyTimes() {
        CountingLoop kernel = new ScalarKernel();
        SplittableRandom seeds = new SplittableRandom(20_240_601);
        double[] z = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long points = 100_000 + seeds.nextLong(200_001);
            long inside = kernel.countInside(seeds.nextLong(), 0, points);
            z[i] = Estimate.of(new Count(1, BigInteger.valueOf(points), BigInteger.valueOf(inside))).zScore();
        }
        zScores = z;
    }

    @Test
    void zScoresOfIndependentRunsAreStandardNormal() {
        double pValue = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(STANDARD_NORMAL, zScores);
        assertThat(pValue).as("Kolmogorov–Smirnov p-value of %d z-scores against N(0, 1)", RUNS)
                .isGreaterThan(SIGNIFICANCE);
    }

    /**
     * Kolmogorov–Smirnov hardly sees a standard error 10% too large or too small; the sum of the squared
     * z-scores, χ² with one degree of freedom per run, does.
     */
    @Test
    void standardErrorsAreNeitherTooLargeNorTooSmall() {
        double sumOfSquares = 0;
        for (double z : zScores) {
            sumOfSquares += z * z;
        }
        double below = new ChiSquaredDistribution(RUNS).cumulativeProbability(sumOfSquares);
        double pValue = 2 * Math.min(below, 1 - below);
        assertThat(pValue).as("two-sided χ² p-value of Σz² = %.1f over %d runs", sumOfSquares, RUNS)
                .isGreaterThan(SIGNIFICANCE);
    }

    @Test
    void estimatesAreUnbiased() {
        double sum = 0;
        for (double z : zScores) {
            sum += z;
        }
        double meanInStandardErrors = sum / Math.sqrt(RUNS);
        double pValue = 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(meanInStandardErrors));
        assertThat(pValue).as("two-sided p-value of the mean z-score").isGreaterThan(SIGNIFICANCE);
    }

    /**
     * The count of a run depends on its seed and total only: 10^6 points in 1, 7, 64 or 1000 jobs, or as
     * {@link JobPlan#splitting} cuts them, give the same number inside, hence the same estimate.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 12345, -7_046_029_254_386_353_131L})
    void theCountDoesNotDependOnHowTheRunIsSplit(long seed) {
        BigInteger total = BigInteger.valueOf(1_000_000);
        long whole = kernel.countInside(seed, 0, 1_000_000);
        for (long jobs : new long[] {1, 7, 64, 1000}) {
            long pointsPerJob = (1_000_000 + jobs - 1) / jobs;
            JobPlan plan = new JobPlan(seed, total, pointsPerJob);
            assertThat(plan.jobs()).isEqualTo(jobs);
            assertThat(insideOf(plan)).as("%d jobs", jobs).isEqualTo(whole);
        }
        assertThat(insideOf(JobPlan.splitting(total, seed))).as("split by the plan").isEqualTo(whole);
    }

    private long insideOf(JobPlan plan) {
        long inside = 0;
        for (long id = 0; id < plan.jobs(); id++) {
            JobSpec job = plan.job(id);
            inside += kernel.countInside(job.seed(), job.firstPoint(), job.points());
        }
        return inside;
    }
}
