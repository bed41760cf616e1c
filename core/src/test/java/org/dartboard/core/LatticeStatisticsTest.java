package org.dartboard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.inference.AlternativeHypothesis;
import org.apache.commons.math3.stat.inference.BinomialTest;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lattice darts' error bars are honest: over many seeded runs, the 95% interval made from the replicas'
 * spread contains π about 95% of the time (a binomial test), and the z-scores follow Student's t with R − 1
 * degrees of freedom (Kolmogorov–Smirnov). Student's t is checked against Commons Math's. Deterministic:
 * the seeds come from a fixed generator, so the p-values are the same every time.
 */
class LatticeStatisticsTest {

    private static final int RUNS = 1000;
    private static final int REPLICAS = 16;
    private static final double SIGNIFICANCE = 0.001;

    private static Estimate[] estimates;

    /** One estimate per run of 16 replicas of 2·10^3 to 2·10^4 points, each run with its own seed. */
    @BeforeAll
    static void runManyTimes() {
        CountingLoop kernel = new ScalarKernel();
        SplittableRandom seeds = new SplittableRandom(20_261_203);
        estimates = new Estimate[RUNS];
        for (int run = 0; run < RUNS; run++) {
            long seed = seeds.nextLong();
            long perReplica = 2_000 + seeds.nextLong(18_001);
            long[] points = new long[REPLICAS];
            long[] inside = new long[REPLICAS];
            long total = 0;
            for (int replica = 0; replica < REPLICAS; replica++) {
                points[replica] = perReplica;
                inside[replica] = kernel.countLatticeInside(Lattice.shift(seed, replica), 0, perReplica);
                total += inside[replica];
            }
            Count count = new Count(REPLICAS, BigInteger.valueOf(perReplica * REPLICAS), BigInteger.valueOf(total),
                    new Count.Replicas(points, inside));
            estimates[run] = Estimate.of(count);
        }
    }

    @Test
    void theErrorBarComesFromTheReplicas() {
        assertThat(estimates).allSatisfy(estimate -> {
            assertThat(estimate.errorBar()).isEqualTo(Estimate.ErrorBar.REPLICAS);
            assertThat(estimate.degreesOfFreedom()).isEqualTo(REPLICAS - 1);
        });
    }

    @Test
    void the95PercentIntervalContainsPiAbout95PercentOfTheTime() {
        int covered = 0;
        for (Estimate estimate : estimates) {
            covered += estimate.ciLow() <= Math.PI && Math.PI <= estimate.ciHigh() ? 1 : 0;
        }
        double pValue = new BinomialTest().binomialTest(RUNS, covered, 0.95, AlternativeHypothesis.TWO_SIDED);
        assertThat(pValue).as("binomial p-value of %d of %d intervals containing π", covered, RUNS)
                .isGreaterThan(SIGNIFICANCE);
    }

    @Test
    void zScoresFollowStudentsTWithOneDegreeOfFreedomFewerThanTheReplicas() {
        double[] z = new double[RUNS];
        for (int run = 0; run < RUNS; run++) {
            z[run] = estimates[run].zScore();
        }
        double pValue = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new TDistribution(REPLICAS - 1), z);
        assertThat(pValue).as("Kolmogorov–Smirnov p-value of %d z-scores against t(%d)", RUNS, REPLICAS - 1)
                .isGreaterThan(SIGNIFICANCE);
    }

    @Test
    void latticeDartsAreFarMoreAccurateThanRandomDartsOfAsManyPoints() {
        double squares = 0;
        double randomVariance = 0;
        for (Estimate estimate : estimates) {
            squares += Math.pow(estimate.pi() - Math.PI, 2);
            randomVariance += Math.pow(Estimate.binomialStandardError(estimate.count()), 2);
        }
        assertThat(Math.sqrt(squares / RUNS)).as("RMS error against the random darts' standard error")
                .isLessThan(Math.sqrt(randomVariance / RUNS) / 5);
    }

    @Test
    void studentsTQuantilesAreCommonsMathsOnes() {
        for (int degrees : new int[] {1, 2, 3, 5, 10, 15, 30, 100, 1023, 5000}) {
            assertThat(StudentT.quantile975(degrees)).as("%d degrees of freedom", degrees)
                    .isCloseTo(new TDistribution(degrees).inverseCumulativeProbability(0.975), within(1e-9));
        }
        for (double t : new double[] {0, 0.5, 1, 2.131, 4, 12}) {
            assertThat(StudentT.cdf(t, 15)).isCloseTo(new TDistribution(15).cumulativeProbability(t), within(1e-12));
        }
    }
}
