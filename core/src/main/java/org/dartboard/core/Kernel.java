package org.dartboard.core;

/**
 * Counts the darts inside the quarter circle among a range of points of a run's stream.
 *
 * <p>Every kernel counts exactly the same points as {@link ScalarKernel}, for every seed and range; they
 * differ only in speed. Farms call a kernel on chunks of a job, so a kernel call is short and can be
 * abandoned between chunks.
 */
public interface Kernel {

    /** A short name for reports and the JSON output, such as {@code scalar}. */
    String name();

    /**
     * Counts the points {@code first, first + 1, ..., first + count - 1} (indices modulo 2<sup>64</sup>)
     * of the stream of {@code seed} that land inside the quarter circle.
     *
     * @param count how many points, at least 0
     */
    long countInside(long seed, long first, long count);
}
