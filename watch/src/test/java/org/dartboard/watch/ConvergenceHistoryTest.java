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

    /**
     * A lattice run's samples carry its own error bar (the replicas' spread, with Student's t) and random
     * darts' standard error at as many points; until two replicas have points, the binomial stands in and
     * the error chart has no lattice standard error to draw.
     */
    @Test
    void aLatticeRunsSamplesCarryTheReplicasErrorBarAndTheRandomYardstick() {
        JobPlan plan = JobPlan.of(100_000, 64, 11).lattice(16);
        DartsKind kind = DartsKind.of(plan);
        ConvergenceHistory history = new ConvergenceHistory();
        RunOutcome outcome = TestRuns.run(plan, 2, 1, history);

        List<Sample> samples = history.samples();
        Sample first = samples.get(0);
        assertThat(first.points()).as("one job: one replica").isEqualTo(100_000.0);
        assertThat(first.errorBar()).isEqualTo(Estimate.ErrorBar.BINOMIAL);
        assertThat(first.standardError()).as("the binomial stands in").isEqualTo(first.randomStandardError());
        assertThat(first.runStandardError(kind)).as("nothing of the lattice's own to draw yet").isNaN();
        assertThat(first.runStandardError(DartsKind.RANDOM)).isEqualTo(first.standardError());

        Sample last = samples.get(samples.size() - 1);
        Estimate estimate = outcome.estimate().orElseThrow();
        assertThat(last.errorBar()).isEqualTo(Estimate.ErrorBar.REPLICAS);
        assertThat(last.degreesOfFreedom()).as("all 16 replicas").isEqualTo(15);
        assertThat(last.standardError()).isEqualTo(estimate.standardError()).isEqualTo(last.runStandardError(kind));
        assertThat(last.criticalValue()).as("t with 15 degrees of freedom").isCloseTo(2.131, within(1e-3));
        assertThat(last.high() - last.low()).isCloseTo(2 * estimate.criticalValue() * estimate.standardError(),
                within(1e-12));
        assertThat(last.randomStandardError()).isEqualTo(Estimate.binomialStandardError(outcome.count()));
        assertThat(last.standardError()).as("6.4M lattice points: far below random darts' error")
                .isLessThan(last.randomStandardError() / 5);
        assertThat(last.actualError()).isEqualTo(Math.abs(estimate.pi() - Math.PI));
        assertThat(samples).filteredOn(sample -> sample.points() >= 200_000)
                .allSatisfy(sample -> assertThat(sample.errorBar()).isEqualTo(Estimate.ErrorBar.REPLICAS));
    }

    /**
     * The error chart's axis, the same on the page and in the file: whole powers of ten around every error
     * drawn, but never so deep that an estimate passing close to π squeezes the lines into its top.
     */
    @Test
    void theErrorAxisSpansTheErrorsInPowersOfTenAndStopsWellBelowTheStandardErrors() {
        Sample early = new Sample(100, 3.0, 0.16);
        Sample late = new Sample(1e6, Math.PI + 2e-3, 1.6e-3);
        assertThat(ConvergenceHistory.errorAxisRange(List.of(early, late), DartsKind.RANDOM))
                .as("0.16 is the largest error, 1.6e-3 the smallest")
                .containsExactly(new double[] {1e-3, 1.0}, within(1e-15));

        Sample closeToPi = new Sample(1e6, Math.PI + 1e-9, 1.6e-3);
        assertThat(ConvergenceHistory.errorAxisRange(List.of(early, closeToPi), DartsKind.RANDOM)[0])
                .as("a hundredth of the smallest standard error, not 10^-9").isEqualTo(1e-5, within(1e-20));

        Sample latticeEarly = new Sample(1e4, Math.PI + 0.01, 0.016, Estimate.Z_95, 0.016,
                Estimate.ErrorBar.BINOMIAL, 0);
        Sample latticeLate = new Sample(1e6, Math.PI + 2e-5, 4e-5, 2.13, 1.6e-3, Estimate.ErrorBar.REPLICAS, 15);
        DartsKind lattice = DartsKind.of(JobPlan.of(1_000, 64, 1).lattice(16));
        assertThat(ConvergenceHistory.errorAxisRange(List.of(latticeEarly, latticeLate), lattice))
                .as("from the lattice's 4e-5 and its error of 2e-5 up to the yardstick's 0.016")
                .containsExactly(new double[] {1e-5, 0.1}, within(1e-15));

        assertThat(ConvergenceHistory.errorAxisRange(List.of(), DartsKind.RANDOM))
                .containsExactly(new double[] {1e-6, 1.0}, within(1e-15));
        assertThat(ConvergenceHistory.errorAxisRange(List.of(new Sample(4, Math.PI, 0)), DartsKind.RANDOM))
                .as("nothing positive to draw").containsExactly(new double[] {1e-6, 1.0}, within(1e-15));
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

    /**
     * A lattice run's estimate axis fits the bands from the first sample where every replica has points:
     * the binomial stand-in of its first job and the t(1) band of two replicas run off it, as a funnel does.
     */
    @Test
    void aLatticeChartSpansTheBandsFromTheFirstSampleWithEveryReplica() {
        DartsKind sixteen = new DartsKind(JobPlan.Darts.LATTICE, 16);
        Sample oneReplica = new Sample(1e5, 3.1450, 5e-3, Estimate.Z_95, 5e-3, Estimate.ErrorBar.BINOMIAL, 0);
        Sample twoReplicas = new Sample(2e5, 3.1420, 1e-4, 12.71, 3.6e-3, Estimate.ErrorBar.REPLICAS, 1);
        Sample everyReplica = new Sample(1.6e6, 3.14165, 1e-4, 2.13, 1.3e-3, Estimate.ErrorBar.REPLICAS, 15);
        Sample last = new Sample(6.4e6, 3.14160, 2.5e-5, 2.13, 6.5e-4, Estimate.ErrorBar.REPLICAS, 15);
        double everyReplicasReach = everyReplica.high() - Math.PI;

        assertThat(ConvergenceHistory.chartHalfWidth(List.of(oneReplica, twoReplicas, everyReplica, last), sixteen))
                .isCloseTo(1.1 * everyReplicasReach, within(1e-12));
        assertThat(ConvergenceHistory.chartHalfWidth(List.of(oneReplica, twoReplicas), sixteen))
                .as("stopped before every replica had points: from the first spread of replicas")
                .isCloseTo(1.1 * (twoReplicas.high() - Math.PI), within(1e-12));
        assertThat(ConvergenceHistory.chartHalfWidth(List.of(oneReplica), sixteen)).as("one replica only")
                .isCloseTo(1.1 * (oneReplica.high() - Math.PI), within(1e-12));
        assertThat(ConvergenceHistory.chartHalfWidth(List.of(oneReplica, twoReplicas, everyReplica, last)))
                .as("the rule of random darts would flatten the lattice's bands")
                .isGreaterThan(20 * (last.high() - Math.PI));
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

    /**
     * Before the first sample, the page's charts have axes of the run to come: the estimate axis around π as
     * wide as the band of random darts at the first job (10^4 points at least), the errors around theirs.
     */
    @Test
    void emptyChartsHaveAxesAroundPiOfTheRunsSize() {
        double bandAt = 1.1 * Estimate.Z_95 * 4 * Math.sqrt(Math.PI / 4 * (1 - Math.PI / 4) / 1e8);
        assertThat(ConvergenceHistory.emptyChartHalfWidth(JobPlan.of(100_000_000, 400, 1)))
                .isCloseTo(bandAt, within(1e-12)).isBetween(3e-4, 4e-4);
        assertThat(ConvergenceHistory.emptyChartHalfWidth(JobPlan.of(10, 10_000, 1))).as("small jobs: the band at 10^4")
                .isEqualTo(ConvergenceHistory.emptyChartHalfWidth(null)).isBetween(0.03, 0.04);
        assertThat(ConvergenceHistory.emptyChartHalfWidth(JobPlan.of(1, 1, 1))).as("at most 1").isEqualTo(1);
        assertThat(ConvergenceHistory.emptyErrorAxisRange(JobPlan.of(100_000_000, 400, 1)))
                .containsExactly(1e-7, 1e-3);
        assertThat(ConvergenceHistory.emptyErrorAxisRange(null)).containsExactly(1e-6, 1);
    }

    /** The page's points axis runs from the first sample to the run's total, not to the next power of ten. */
    @Test
    void thePointsAxisEndsNearTheRunsSize() {
        JobPlan plan = JobPlan.of(100_000_000, 400, 1);
        List<Sample> samples = List.of(new Sample(1e8, Math.PI, 1e-4), new Sample(2.5e9, Math.PI, 1e-5));
        assertThat(ConvergenceHistory.pointsAxisRange(samples, plan)).containsExactly(1e8 / 1.1, 4e10 * 1.1);
        assertThat(ConvergenceHistory.pointsAxisRange(List.of(), plan)).as("before the first job")
                .containsExactly(1e8 / 1.1, 4e10 * 1.1);
        double[] oneJob = ConvergenceHistory.pointsAxisRange(List.of(new Sample(1e6, Math.PI, 1e-3)), JobPlan.of(1_000_000, 1, 1));
        assertThat(oneJob[1] / oneJob[0]).as("a factor of 10 at least").isCloseTo(10, within(1e-9));
        assertThat(Math.sqrt(oneJob[0] * oneJob[1])).isCloseTo(1e6, within(1e-3));
        double[] unknown = ConvergenceHistory.pointsAxisRange(List.of(), null);
        assertThat(unknown[1] / unknown[0]).isGreaterThan(10);
    }
}
