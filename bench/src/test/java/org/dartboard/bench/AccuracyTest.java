package org.dartboard.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigInteger;
import org.dartboard.core.Count;
import org.dartboard.core.Estimate;
import org.junit.jupiter.api.Test;

/** The points each kind of darts needs for a standard error, as darts-bench computes them. */
class AccuracyTest {

    @Test
    void randomStandardErrorIsTheBinomialOne() {
        // 4 sqrt(p(1-p)/n) with p = pi/4: 1.642e-3 at a million points, ten times less at a hundred million.
        assertThat(Accuracy.randomStandardError(1e6)).isCloseTo(1.6422e-3, within(1e-7));
        assertThat(Accuracy.randomStandardError(1e8)).isCloseTo(Accuracy.randomStandardError(1e6) / 10, within(1e-15));
        // The library's own error bar of a count with the expected fraction inside says the same.
        Count count = new Count(1, BigInteger.valueOf(100_000_000), BigInteger.valueOf(78_539_816));
        assertThat(Estimate.binomialStandardError(count))
                .isCloseTo(Accuracy.randomStandardError(1e8), within(1e-9));
    }

    @Test
    void randomPointsForAreTheFewestThatReachTheError() {
        for (double target : new double[] {1e-3, 1e-6, 1e-7}) {
            long points = Accuracy.randomPointsFor(target);

            assertThat(Accuracy.randomStandardError(points)).isLessThanOrEqualTo(target);
            assertThat(Accuracy.randomStandardError(points - 1)).isGreaterThan(target);
        }
        // 16 p (1 - p) / SE^2: 2.70e12 points to 1e-6, a hundred times more to 1e-7.
        assertThat((double) Accuracy.randomPointsFor(1e-6)).isCloseTo(2.6968e12, within(1e8));
        assertThat((double) Accuracy.randomPointsFor(1e-7)).isCloseTo(2.6968e14, within(1e10));
    }

    @Test
    void randomPointsForRefuseWhatNoRunHolds() {
        assertThatThrownBy(() -> Accuracy.randomPointsFor(0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> Accuracy.randomPointsFor(1e-12)).hasMessageContaining("more than a run can have");
    }

    @Test
    void latticePointsForAreAWholeNumberOfReplicasThatReachTheError() {
        PowerLaw law = new PowerLaw(-0.77, 0.01, 5.4e-5 * Math.pow(1e6, 0.77), 5);   // 5.4e-5 at 1e6 points
        for (double target : new double[] {1e-6, 1e-7}) {
            long points = Accuracy.latticePointsFor(law, target, 16);

            assertThat(points % 16).isZero();
            assertThat(law.at(points)).isLessThanOrEqualTo(target);
            assertThat(law.at(points - 16)).isGreaterThan(target);
        }
    }

    @Test
    void latticePointsForRefuseMoreThanTheReplicasHold() {
        // At n^-0.5 from 1e-3 at a million points, 1e-7 takes 1e14 points: more than 16 x 2^32.
        PowerLaw slow = new PowerLaw(-0.5, 0, 1, 2);

        assertThatThrownBy(() -> Accuracy.latticePointsFor(slow, 1e-7, 16))
                .hasMessageContaining("more than the 16 replicas' 2^32 points each");
        assertThat(Accuracy.maxLatticePoints(16)).isEqualTo(16L << 32);
    }

    @Test
    void aMissedTargetIsCorrectedByTheExponent() {
        // At n^-0.75, an error 2^0.75 too large needs twice the points; one that is already small enough, fewer.
        assertThat(Accuracy.correctedLatticePoints(1_600_000_000L, 1e-7 * Math.pow(2, 0.75), 1e-7, -0.75, 16))
                .isEqualTo(3_200_000_000L);
        assertThat(Accuracy.correctedLatticePoints(1_638_400, 1e-6 / 8, 1e-6, -0.5, 16)).isEqualTo(1_638_400 / 64);
        assertThat(Accuracy.correctedLatticePoints(1_000, 1e-6, 1e-3, -0.75, 16)).isEqualTo(16);
        assertThatThrownBy(() -> Accuracy.correctedLatticePoints(16L << 32, 2e-7, 1e-7, -0.75, 16))
                .hasMessageContaining("more than the 16 replicas' 2^32 points each");
        assertThatThrownBy(() -> Accuracy.correctedLatticePoints(1_000_000, 2e-7, 1e-7, 0, 16))
                .hasMessageContaining("does not fall");
    }

    @Test
    void rmsAndItsUncertainty() {
        assertThat(Accuracy.rms(new double[] {3, -4})).isCloseTo(Math.sqrt(12.5), within(1e-15));
        assertThat(Accuracy.rms(new double[] {-2e-6})).isCloseTo(2e-6, within(1e-21));
        assertThatThrownBy(() -> Accuracy.rms(new double[0])).isInstanceOf(IllegalArgumentException.class);
        assertThat(Accuracy.rmsRelativeUncertainty(32)).isCloseTo(0.125, within(1e-15));
    }
}
