package org.dartboard.bench;

import java.util.Locale;
import org.dartboard.core.JobPlan;

/**
 * The arithmetic of darts-bench, apart from the runs: the random darts' standard error and the points each
 * kind of darts needs for a standard error, and the RMS of a set of errors.
 */
final class Accuracy {

    /** The probability that a random dart lands inside the quarter circle. */
    static final double P_INSIDE = Math.PI / 4;

    /** The most points of a run of lattice darts with {@code replicas} replicas: 2<sup>32</sup> each. */
    static long maxLatticePoints(int replicas) {
        return replicas * JobPlan.MAX_POINTS_PER_REPLICA;
    }

    private Accuracy() {
    }

    /** The standard error of random darts' estimate of π from n points: 4·√(p(1−p)/n), p = π/4. */
    static double randomStandardError(double points) {
        return 4 * Math.sqrt(P_INSIDE * (1 - P_INSIDE) / points);
    }

    /**
     * The fewest points that give random darts a standard error of at most {@code standardError}: the
     * binomial formula solved for n, 16·p(1−p)/SE², rounded up.
     *
     * @throws IllegalArgumentException when the error is not positive, or the points would not fit a long
     */
    static long randomPointsFor(double standardError) {
        if (!(standardError > 0)) {
            throw new IllegalArgumentException("a standard error is positive, got " + standardError);
        }
        double points = Math.ceil(16 * P_INSIDE * (1 - P_INSIDE) / (standardError * standardError));
        if (points >= Long.MAX_VALUE) {
            throw new IllegalArgumentException("random darts need " + points + " points for a standard error of "
                    + standardError + ": more than a run can have");
        }
        long n = (long) points;
        // The double may land one off either way of the exact solution: settle on the smallest n that does it.
        while (n > 1 && randomStandardError(n - 1) <= standardError) {
            n--;
        }
        while (randomStandardError(n) > standardError) {
            n++;
        }
        return n;
    }

    /**
     * The points that give lattice darts an error of {@code error} by the fitted law of their error, rounded
     * up to a multiple of the replicas (a run of lattice darts splits its points evenly into them).
     *
     * @throws IllegalArgumentException when that is more than {@link #maxLatticePoints} or than a long
     */
    static long latticePointsFor(PowerLaw law, double error, int replicas) {
        return wholeReplicas(law.pointsFor(error), error, replicas);
    }

    /**
     * The points that should bring an error of {@code reached}, measured at {@code points}, down to
     * {@code target}, for an error that falls as n<sup>exponent</sup>: points·(target/reached)<sup>1/exponent</sup>,
     * rounded up to a multiple of the replicas.
     *
     * @throws IllegalArgumentException when the exponent does not fall, or the points would be more than
     *     {@link #maxLatticePoints}
     */
    static long correctedLatticePoints(long points, double reached, double target, double exponent, int replicas) {
        if (!(exponent < 0)) {
            throw new IllegalArgumentException("the exponent " + exponent + " does not fall with n");
        }
        return wholeReplicas(points * Math.pow(target / reached, 1 / exponent), target, replicas);
    }

    /** These points rounded up to a whole number of points per replica, at least one each. */
    private static long wholeReplicas(double points, double error, int replicas) {
        double perReplica = Math.ceil(points / replicas);
        if (!(perReplica <= JobPlan.MAX_POINTS_PER_REPLICA)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "lattice darts would need %.3g points for an error of %.3g: more than the %d replicas' 2^32"
                            + " points each", points, error, replicas));
        }
        return Math.max(1, (long) perReplica) * replicas;
    }

    /** The root mean square of the errors: √(mean of their squares). */
    static double rms(double[] errors) {
        if (errors.length == 0) {
            throw new IllegalArgumentException("the RMS of no errors");
        }
        double squares = 0;
        for (double error : errors) {
            squares += error * error;
        }
        return Math.sqrt(squares / errors.length);
    }

    /**
     * How well an RMS over {@code seeds} independent normal errors knows the true RMS: its relative standard
     * error, about 1/√(2S).
     */
    static double rmsRelativeUncertainty(int seeds) {
        return 1 / Math.sqrt(2.0 * seeds);
    }
}
