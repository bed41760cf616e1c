package org.dartboard.watch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import org.dartboard.core.Count;
import org.dartboard.core.Estimate;
import org.dartboard.core.JobResult;
import org.dartboard.run.RunListener;
import org.dartboard.run.RunOutcome;

/**
 * How the estimate converged during a run: the estimate and its standard error each time the points
 * counted grew by {@value #GROWTH}×, for the dashboard's chart and the {@code --plot} file.
 *
 * <p>Samples are spaced geometrically because the chart's x axis is logarithmic (the error band narrows
 * as 1/√n): that keeps the history under a thousand samples even for 2<sup>64</sup> points, so memory
 * stays flat however long the run. The run's final count is always the last sample. Thread-safe.
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
     */
    record Sample(double points, double pi, double standardError, double criticalValue, double randomStandardError) {

        /** A sample of random darts. */
        Sample(double points, double pi, double standardError) {
            this(points, pi, standardError, Estimate.Z_95, standardError);
        }

        /** Lower end of the 95% confidence band. */
        public double low() {
            return pi - criticalValue * standardError;
        }

        /** Upper end of the 95% confidence band. */
        public double high() {
            return pi + criticalValue * standardError;
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

    /** {@link #chartHalfWidth(List)} of the samples so far. */
    synchronized double chartHalfWidth() {
        return chartHalfWidth(samples);
    }

    /**
     * Half the height of a chart's estimate axis around π, the same for the dashboard and the plot file:
     * enough for every 95% band from {@value #SCALE_FROM_POINTS} points on (earlier, wider bands run off
     * the chart, as a funnel does), at most 1, and 0.5 while there is nothing to show.
     */
    static double chartHalfWidth(List<Sample> samples) {
        if (samples.isEmpty()) {
            return 0.5;
        }
        double from = Math.min(SCALE_FROM_POINTS, samples.get(samples.size() - 1).points());
        double widest = samples.stream()
                .filter(sample -> sample.points() >= from)
                .mapToDouble(sample -> Math.max(Math.abs(sample.high() - Math.PI), Math.abs(sample.low() - Math.PI)))
                .max()
                .orElse(0);
        return widest > 0 ? Math.min(1, 1.1 * widest) : 0.5;
    }

    private void add(Count count) {
        Estimate estimate = Estimate.of(count);
        samples.add(new Sample(count.points().doubleValue(), estimate.pi(), estimate.standardError(),
                estimate.criticalValue(), Estimate.binomialStandardError(count)));
    }
}
