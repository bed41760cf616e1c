package org.dartboard.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigInteger;
import java.util.List;
import org.dartboard.core.Count;
import org.dartboard.core.Estimate;
import org.dartboard.core.JobPlan;
import org.dartboard.run.Estimation;
import org.dartboard.run.RunOutcome;
import org.dartboard.watch.ConvergenceHistory.Sample;
import org.junit.jupiter.api.Test;

/** The chart's history stays small however many jobs a run has, and always ends with the final estimate. */
class ConvergenceHistoryTest {

    @Test
    void samplesAreGeometricallySpacedAndEndWithTheFinalCount() {
        JobPlan plan = JobPlan.of(3, 200_000, 17);
        ConvergenceHistory history = new ConvergenceHistory();
        RunOutcome outcome;
        outcome = TestRuns.run(plan, 2, 64, history);

        List<Sample> samples = history.samples();
        // 3 to 600,000 points: about log(200,000)/log(1.05) = 250 samples, not 200,000.
        assertThat(samples).hasSizeBetween(200, 260);
        for (int i = 1; i < samples.size() - 1; i++) {
            assertThat(samples.get(i).points()).isGreaterThanOrEqualTo(samples.get(i - 1).points() * 1.05);
        }
        Sample last = samples.get(samples.size() - 1);
        Estimate estimate = outcome.estimate().orElseThrow();
        assertThat(last.points()).isEqualTo(600_000.0);
        assertThat(last.pi()).isEqualTo(estimate.pi());
        assertThat(last.standardError()).isEqualTo(estimate.standardError());
        assertThat(last.high() - last.low()).isCloseTo(2 * Estimate.Z_95 * estimate.standardError(), within(1e-12));
        assertThat(history.samplesFrom(samples.size() - 1)).containsExactly(last);
        assertThat(history.samplesFrom(samples.size())).isEmpty();
    }

    /** A resumed run's chart starts from what its journal held, not from zero. */
    @Test
    void aResumedRunStartsFromTheJournalsCount() {
        ConvergenceHistory history = new ConvergenceHistory();
        Count before = new Count(40, BigInteger.valueOf(40_000), BigInteger.valueOf(31_400));
        history.resumed(before, id -> id < 40);

        assertThat(history.samples()).singleElement()
                .satisfies(first -> assertThat(first.points()).isEqualTo(40_000.0))
                .satisfies(first -> assertThat(first.pi()).isEqualTo(Estimate.of(before).pi()));
    }

    /** The dashboard and the plot file both draw π ± this: wide enough for the bands from 10^4 points on. */
    @Test
    void aChartSpansEveryBandFromTenThousandPointsOn() {
        Sample early = new Sample(100, 3.0, 0.2);
        Sample widestShown = new Sample(10_000, 3.16, 0.01);
        Sample late = new Sample(1_000_000, 3.1420, 0.001);
        double widestReach = Math.abs(widestShown.high() - Math.PI);

        assertThat(ConvergenceHistory.chartHalfWidth(List.of(early, widestShown, late)))
                .as("the early band runs off the chart").isCloseTo(1.1 * widestReach, within(1e-12));
        assertThat(ConvergenceHistory.chartHalfWidth(List.of(early))).as("a run still under 10^4 points")
                .isCloseTo(1.1 * (Math.PI - early.low()), within(1e-12));
        assertThat(ConvergenceHistory.chartHalfWidth(List.of(new Sample(4, 4.0, 1.0)))).as("at most 1")
                .isEqualTo(1.0);
        assertThat(ConvergenceHistory.chartHalfWidth(List.of())).isEqualTo(0.5);
        assertThat(ConvergenceHistory.chartHalfWidth(List.of(new Sample(1e6, Math.PI, 0))))
                .as("a band of no width still gets an axis").isEqualTo(0.5);
    }

    @Test
    void aRunWithoutResultsHasNoSamples() {
        ConvergenceHistory history = new ConvergenceHistory();
        try (Estimation estimation = Estimation.of(JobPlan.of(10, 10, 1)).listener(history).build()) {
            estimation.stop();
            estimation.run();
        }

        assertThat(history.samples()).isEmpty();
    }
}
