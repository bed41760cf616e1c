package org.dartboard.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The least-squares power law that darts-bench fits to the errors, and its inverse. */
class PowerLawTest {

    @Test
    void recoversAnExactPowerLaw() {
        double[] n = {1e6, 1e7, 1e8, 1e9, 1e10};
        double[] y = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            y[i] = 54 * Math.pow(n[i], -0.75);
        }

        PowerLaw law = PowerLaw.fit(n, y);

        assertThat(law.exponent()).isCloseTo(-0.75, within(1e-12));
        assertThat(law.coefficient()).isCloseTo(54, within(1e-9));
        assertThat(law.exponentError()).isCloseTo(0, within(1e-12));
        assertThat(law.fittedPoints()).isEqualTo(5);
        assertThat(law.at(1e6)).isCloseTo(1.7076e-3, within(1e-7));
    }

    @Test
    void fitsScatteredPointsByLeastSquaresInTheLogs() {
        // log n = 0, 1, 2 and log y = 0, -1, -1: slope -1/2, intercept -1/6, residuals 1/6, -1/3, 1/6, so the
        // slope's standard error is sqrt((1/6) / (3 - 2) / 2) = sqrt(1/12).
        PowerLaw law = PowerLaw.fit(new double[] {1, Math.E, Math.E * Math.E},
                new double[] {1, Math.exp(-1), Math.exp(-1)});

        assertThat(law.exponent()).isCloseTo(-0.5, within(1e-12));
        assertThat(law.coefficient()).isCloseTo(Math.exp(-1.0 / 6), within(1e-12));
        assertThat(law.exponentError()).isCloseTo(Math.sqrt(1.0 / 12), within(1e-12));
    }

    @Test
    void twoPointsGiveTheLineThroughThemWithoutAnError() {
        PowerLaw law = PowerLaw.fit(new double[] {1e6, 1e8}, new double[] {1e-4, 1e-7});

        assertThat(law.exponent()).isCloseTo(-1.5, within(1e-12));
        assertThat(law.at(1e6)).isCloseTo(1e-4, within(1e-16));
        assertThat(law.at(1e8)).isCloseTo(1e-7, within(1e-19));
        assertThat(law.exponentError()).isNaN();
    }

    @Test
    void pointsForIsTheInverseOfAt() {
        PowerLaw law = new PowerLaw(-0.75, 0.01, 54, 5);

        assertThat(law.pointsFor(1e-6)).isCloseTo(Math.pow(54e6, 4.0 / 3), within(1.0));
        assertThat(law.at(law.pointsFor(1e-7))).isCloseTo(1e-7, within(1e-20));
    }

    @Test
    void aLawThatDoesNotFallReachesNoSmallerError() {
        assertThatThrownBy(() -> new PowerLaw(0.1, 0, 1, 3).pointsFor(1e-6))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not fall");
    }

    @Test
    void refusesWhatCannotBeFitted() {
        assertThatThrownBy(() -> PowerLaw.fit(new double[] {1e6}, new double[] {1e-4}))
                .hasMessageContaining("at least two points");
        assertThatThrownBy(() -> PowerLaw.fit(new double[] {1e6, 1e7}, new double[] {1e-4}))
                .hasMessageContaining("2 values of n but 1 of y");
        assertThatThrownBy(() -> PowerLaw.fit(new double[] {1e6, 1e7}, new double[] {1e-4, 0}))
                .hasMessageContaining("positive values");
        assertThatThrownBy(() -> PowerLaw.fit(new double[] {1e6, 1e6}, new double[] {1e-4, 2e-4}))
                .hasMessageContaining("two different n");
    }
}
