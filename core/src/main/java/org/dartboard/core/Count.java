package org.dartboard.core;

import java.math.BigInteger;

/**
 * Exact totals of the jobs counted so far: how many jobs, how many points, how many inside. Integers
 * with no upper bound, since a run may count up to 2<sup>64</sup> points.
 *
 * @param jobs finished jobs
 * @param points points of those jobs
 * @param inside points of those jobs inside the quarter circle
 */
public record Count(long jobs, BigInteger points, BigInteger inside) {

    public Count {
        if (jobs < 0 || points.signum() < 0 || inside.signum() < 0 || inside.compareTo(points) > 0) {
            throw new IllegalArgumentException(
                    "impossible count: " + jobs + " jobs, " + inside + " inside of " + points + " points");
        }
    }

    /** Nothing counted yet. */
    public static final Count NONE = new Count(0, BigInteger.ZERO, BigInteger.ZERO);

    /** Whether there is anything to estimate from. */
    public boolean isEmpty() {
        return points.signum() == 0;
    }
}
