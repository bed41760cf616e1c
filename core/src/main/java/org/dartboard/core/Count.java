package org.dartboard.core;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * Exact totals of the jobs counted so far: how many jobs, how many points, how many inside. Integers
 * with no upper bound, since a run may count up to 2<sup>64</sup> points. A run of lattice darts also keeps
 * each replica's totals, which its error bar is made from.
 *
 * @param jobs finished jobs
 * @param points points of those jobs
 * @param inside points of those jobs inside the quarter circle
 * @param replicas each replica's points and points inside, for lattice darts; {@link Replicas#NONE} for
 *     random darts
 */
public record Count(long jobs, BigInteger points, BigInteger inside, Replicas replicas) {

    public Count {
        Objects.requireNonNull(replicas, "replicas");
        if (jobs < 0 || points.signum() < 0 || inside.signum() < 0 || inside.compareTo(points) > 0) {
            throw new IllegalArgumentException(
                    "impossible count: " + jobs + " jobs, " + inside + " inside of " + points + " points");
        }
    }

    /** A count of random darts: no replicas. */
    public Count(long jobs, BigInteger points, BigInteger inside) {
        this(jobs, points, inside, Replicas.NONE);
    }

    /** Nothing counted yet. */
    public static final Count NONE = new Count(0, BigInteger.ZERO, BigInteger.ZERO);

    /**
     * Each replica's totals so far, for lattice darts: a replica holds at most 2<sup>32</sup> points, so plain
     * longs hold them. Immutable.
     */
    public static final class Replicas {

        /** No replicas: random darts. */
        public static final Replicas NONE = new Replicas(new long[0], new long[0]);

        private final long[] points;
        private final long[] inside;

        /** Copies the arrays: replica r has counted {@code points[r]} points, {@code inside[r]} of them inside. */
        public Replicas(long[] points, long[] inside) {
            if (points.length != inside.length) {
                throw new IllegalArgumentException("points of " + points.length + " replicas, inside of "
                        + inside.length);
            }
            for (int r = 0; r < points.length; r++) {
                if (points[r] < 0 || inside[r] < 0 || inside[r] > points[r]) {
                    throw new IllegalArgumentException("replica " + r + ": " + inside[r] + " inside of " + points[r]);
                }
            }
            this.points = points.clone();
            this.inside = inside.clone();
        }

        /** How many replicas: 0 for random darts. */
        public int size() {
            return points.length;
        }

        /** Points counted in replica {@code replica}. */
        public long points(int replica) {
            return points[replica];
        }

        /** Points of replica {@code replica} inside the quarter circle. */
        public long inside(int replica) {
            return inside[replica];
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Replicas replicas && Arrays.equals(points, replicas.points)
                    && Arrays.equals(inside, replicas.inside);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(points) + Arrays.hashCode(inside);
        }

        @Override
        public String toString() {
            return "Replicas[points=" + Arrays.toString(points) + ", inside=" + Arrays.toString(inside) + "]";
        }
    }

    /** Whether there is anything to estimate from. */
    public boolean isEmpty() {
        return points.signum() == 0;
    }
}
