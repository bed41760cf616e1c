package org.dartboard.watch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import org.dartboard.core.Count;
import org.dartboard.core.Estimate;
import org.dartboard.core.JobPlan;
import org.dartboard.core.JobResult;
import org.dartboard.run.RunListener;
import org.dartboard.run.RunOutcome;

/**
 * How the estimate converged during a run: the estimate, its standard error and random darts' standard
 * error at as many points, each time the points counted grew by {@value #GROWTH}×, for the dashboard's
 * charts and the {@code --plot} file (the estimate with its band, and the errors on log-log axes).
 *
 * <p>Samples are spaced geometrically because the charts' x axis is logarithmic (the error band narrows
 * as 1/√n for random darts, faster for lattice darts): that keeps the history under a thousand samples
 * even for 2<sup>64</sup> points, so memory stays flat however long the run. The run's final count is
 * always the last sample. Thread-safe.
 */
final class ConvergenceHistory implements RunListener {

    /** Factor between the points of two samples: 1.05 gives ~48 samples per factor of 10. */
    static final double GROWTH = 1.05;

    /**
     * The estimate after some points.
     *
     * @param points points counted, as a double (a chart axis needs no more)
     * @param pi the estimate then
     * @param standardError its standard error
     * @param criticalValue how many standard errors the 95% band reaches: 1.96, or Student's t for replicas
     * @param randomStandardError the standard error random darts have at as many points: the same as
     *     {@code standardError} for random darts, the yardstick for lattice darts
     * @param errorBar how {@code standardError} was made: from the replicas' spread for lattice darts once
     *     two replicas differ, else binomial (for lattice darts, a stand-in larger than the true one)
     * @param degreesOfFreedom of the replicas' spread: one less than the replicas with points; 0 for the
     *     binomial error bar
     */
    record Sample(double points, double pi, double standardError, double criticalValue, double randomStandardError,
            Estimate.ErrorBar errorBar, int degreesOfFreedom) {

        /** A sample of random darts. */
        Sample(double points, double pi, double standardError) {
            this(points, pi, standardError, Estimate.Z_95, standardError, Estimate.ErrorBar.BINOMIAL, 0);
        }

        /** Lower end of the 95% confidence band. */
        public double low() {
            return pi - criticalValue * standardError;
        }

        /** Upper end of the 95% confidence band. */
        public double high() {
            return pi + criticalValue * standardError;
        }

        /** |estimate − π|: the error the run really had then, which its standard error only foretells. */
        public double actualError() {
            return Math.abs(pi - Math.PI);
        }

        /**
         * The run's own standard error as the error chart draws it, or NaN where it has none to draw: lattice
         * darts have theirs only once it comes from the replicas' spread (the binomial stand-in before that is
         * the yardstick's, not theirs), and a chart of logarithms cannot show an error of 0.
         */
        public double runStandardError(DartsKind darts) {
            boolean ownErrorBar = !darts.isLattice() || errorBar == Estimate.ErrorBar.REPLICAS;
            return ownErrorBar && standardError > 0 && Double.isFinite(standardError) ? standardError : Double.NaN;
        }
    }

    /** Below this many points a band is so wide that it would flatten the rest of a chart. */
    static final double SCALE_FROM_POINTS = 10_000;

    private final List<Sample> samples = new ArrayList<>();
    private double nextSampleAt;
    private Count latest = Count.NONE;

    @Override
    public synchronized void started(Start start) {
        samples.clear();
        nextSampleAt = 0;
        latest = Count.NONE;
    }

    /** A resumed run's chart starts where the journal left off. */
    @Override
    public synchronized void resumed(Count countedBefore, LongPredicate countedBeforeJob) {
        latest = countedBefore;
        add(countedBefore);
        nextSampleAt = countedBefore.points().doubleValue() * GROWTH;
    }

    @Override
    public synchronized void jobCounted(JobResult result, Count count) {
        latest = count;
        double points = count.points().doubleValue();
        if (points >= nextSampleAt) {
            add(count);
            nextSampleAt = points * GROWTH;
        }
    }

    @Override
    public synchronized void finished(RunOutcome outcome) {
        boolean lastIsFinal = !samples.isEmpty()
                && samples.get(samples.size() - 1).points() == latest.points().doubleValue();
        if (!latest.isEmpty() && !lastIsFinal) {
            add(latest);
        }
    }

    /** Every sample so far, oldest first. */
    synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** The samples from index {@code from} on: what a watcher that has the first {@code from} lacks. */
    synchronized List<Sample> samplesFrom(int from) {
        return from >= samples.size() ? List.of() : List.copyOf(samples.subList(from, samples.size()));
    }

    /** {@link #chartHalfWidth(List, DartsKind)} of random darts. */
    static double chartHalfWidth(List<Sample> samples) {
        return chartHalfWidth(samples, DartsKind.RANDOM);
    }

    /**
     * Half the height of a chart's estimate axis around π, the same for the dashboard and the plot file:
     * enough for every 95% band from {@value #SCALE_FROM_POINTS} points on (earlier, wider bands run off
     * the chart, as a funnel does), at most 1, and 0.5 while there is nothing to show.
     *
     * <p>For lattice darts, only the bands from the first sample where every replica has points: before
     * that, the binomial stand-in and the t quantiles of few degrees of freedom (12.7 for two replicas) make
     * bands so much wider than the lattice's later ones that those would be a flat line.
     */
    static double chartHalfWidth(List<Sample> samples, DartsKind darts) {
        List<Sample> scaled = darts.isLattice() ? fromFullErrorBar(samples, darts.replicas()) : samples;
        if (scaled.isEmpty()) {
            return 0.5;
        }
        double from = Math.min(SCALE_FROM_POINTS, scaled.get(scaled.size() - 1).points());
        double widest = scaled.stream()
                .filter(sample -> sample.points() >= from)
                .mapToDouble(sample -> Math.max(Math.abs(sample.high() - Math.PI), Math.abs(sample.low() - Math.PI)))
                .max()
                .orElse(0);
        return widest > 0 ? Math.min(1, 1.1 * widest) : 0.5;
    }

    /**
     * {@link #chartHalfWidth(List, DartsKind)} before the first sample: the 95% band of random darts at the
     * points the chart will keep in view (the first job's, and {@value #SCALE_FROM_POINTS} at least unless the
     * run is smaller), so that the first samples land on an axis of about their size, around π; the band at
     * {@value #SCALE_FROM_POINTS} points (±0.035) while the plan is not known. For lattice darts the binomial
     * band is wider than their own, and the axis narrows once their samples come.
     *
     * @param plan the run's plan, or null before it is known
     */
    static double emptyChartHalfWidth(JobPlan plan) {
        double points = plan == null ? SCALE_FROM_POINTS
                : Math.min(plan.totalPoints().doubleValue(), Math.max(plan.pointsPerJob(), SCALE_FROM_POINTS));
        return Math.min(1, 1.1 * Estimate.Z_95 * randomStandardError(points));
    }

    /**
     * {@link #errorAxisRange(List, DartsKind)} before the first sample: whole powers of ten around random
     * darts' standard error, from the first job's to a tenth of the whole run's; 10<sup>−6</sup> to 1 while
     * the plan is not known.
     *
     * @param plan the run's plan, or null before it is known
     */
    static double[] emptyErrorAxisRange(JobPlan plan) {
        if (plan == null) {
            return new double[] {1e-6, 1};
        }
        double high = Math.pow(10, Math.ceil(Math.log10(randomStandardError(plan.pointsPerJob()))));
        double low = Math.pow(10, Math.floor(Math.log10(randomStandardError(plan.totalPoints().doubleValue()) / 10)));
        return new double[] {low, Math.max(high, 10 * low)};
    }

    /** The dashboard's points axis reaches this factor past the first and the last points it shows. */
    static final double POINTS_AXIS_MARGIN = 1.1;

    /**
     * The dashboard's axis of points counted, lowest and highest, for both its charts: from the first sample
     * (the first job's points before there is one) to the run's total, so that the lines grow towards the
     * axis's end as the run goes on and a run of 4·10<sup>10</sup> points does not end at 10<sup>11</sup>; a
     * factor {@value #POINTS_AXIS_MARGIN} wider on each side, and at least a factor of 10 wide in all. The plot
     * file's axis fits its samples by itself.
     *
     * @param plan the run's plan, or null before it is known (four powers of ten from
     *     {@value #SCALE_FROM_POINTS} points then)
     */
    static double[] pointsAxisRange(List<Sample> samples, JobPlan plan) {
        double low = !samples.isEmpty() ? samples.get(0).points() : plan != null ? plan.pointsPerJob() : SCALE_FROM_POINTS;
        double high = plan != null ? plan.totalPoints().doubleValue() : 1e4 * SCALE_FROM_POINTS;
        if (!samples.isEmpty()) {
            high = Math.max(high, samples.get(samples.size() - 1).points());
        }
        low /= POINTS_AXIS_MARGIN;
        high *= POINTS_AXIS_MARGIN;
        if (high < 10 * low) {
            double middle = Math.sqrt(low * high);
            low = middle / Math.sqrt(10);
            high = middle * Math.sqrt(10);
        }
        return new double[] {low, high};
    }

    /** The standard error random darts have at this many points, for axes drawn before there is a count. */
    private static double randomStandardError(double points) {
        double p = Math.PI / 4;
        return 4 * Math.sqrt(p * (1 - p) / points);
    }

    /**
     * The samples of lattice darts from the first whose error bar comes from every replica; from the first
     * with any replicas' spread when none has them all yet (a run stopped early); all of them when none has.
     */
    private static List<Sample> fromFullErrorBar(List<Sample> samples, int replicas) {
        for (int minimum : new int[] {replicas - 1, 1}) {
            for (int i = 0; i < samples.size(); i++) {
                Sample sample = samples.get(i);
                if (sample.errorBar() == Estimate.ErrorBar.REPLICAS && sample.degreesOfFreedom() >= minimum) {
                    return samples.subList(i, samples.size());
                }
            }
        }
        return samples;
    }

    /** The error chart's axis goes at most this factor below the smallest standard error it draws. */
    static final double ERROR_AXIS_DEPTH = 100;

    /**
     * The error chart's axis of errors, the same for the dashboard and the plot file: whole powers of ten,
     * from above the largest error drawn down to below the smallest, but no lower than a factor of
     * {@value #ERROR_AXIS_DEPTH} under the smallest standard error (an estimate that happens to pass close to
     * π has almost no actual error, and one such dot would squeeze every line into the top of the chart);
     * 10<sup>−6</sup> to 1 while there is nothing to show.
     *
     * @return the lowest and the highest error on the axis
     */
    static double[] errorAxisRange(List<Sample> samples, DartsKind darts) {
        double smallestError = Double.POSITIVE_INFINITY;
        double smallestStandardError = Double.POSITIVE_INFINITY;
        double largest = 0;
        for (Sample sample : samples) {
            double[] standardErrors = {sample.runStandardError(darts),
                darts.isLattice() ? sample.randomStandardError() : Double.NaN};
            for (double standardError : standardErrors) {
                if (standardError > 0 && Double.isFinite(standardError)) {
                    smallestStandardError = Math.min(smallestStandardError, standardError);
                    smallestError = Math.min(smallestError, standardError);
                    largest = Math.max(largest, standardError);
                }
            }
            double actual = sample.actualError();
            if (actual > 0) {
                smallestError = Math.min(smallestError, actual);
                largest = Math.max(largest, actual);
            }
        }
        if (largest == 0) {
            return new double[] {1e-6, 1};
        }
        double lowest = Double.isFinite(smallestStandardError)
                ? Math.max(smallestError, smallestStandardError / ERROR_AXIS_DEPTH) : smallestError;
        double low = Math.pow(10, Math.floor(Math.log10(lowest)));
        double high = Math.pow(10, Math.ceil(Math.log10(largest)));
        return new double[] {low, Math.max(high, 10 * low)};
    }

    private void add(Count count) {
        Estimate estimate = Estimate.of(count);
        samples.add(new Sample(count.points().doubleValue(), estimate.pi(), estimate.standardError(),
                estimate.criticalValue(), Estimate.binomialStandardError(count), estimate.errorBar(),
                estimate.degreesOfFreedom()));
    }
}
