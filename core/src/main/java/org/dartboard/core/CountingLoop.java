package org.dartboard.core;

/**
 * A hot loop that counts the darts inside the quarter circle among a range of points of a run's stream.
 *
 * <p>Every loop counts exactly the same points as {@link ScalarKernel}, for every seed and range; they
 * differ only in speed. {@link Kernel} wraps the one a JVM uses, with the reason it was chosen, and calls
 * it on chunks of a job so that a job can be abandoned between chunks.
 */
interface CountingLoop {

    /** A short name for reports and the JSON output, such as {@code scalar}. */
    String name();

    /**
     * Counts the points {@code first, first + 1, ..., first + count - 1} (indices modulo 2<sup>64</sup>)
     * of the stream of {@code seed} that land inside the quarter circle.
     *
     * @param count how many points, at least 0
     */
    long countInside(long seed, long first, long count);

    /**
     * Counts the points {@code first, first + 1, ..., first + count - 1} of the lattice replica with this
     * shift (see {@link Lattice}) that land inside the quarter circle.
     *
     * @param shift the replica's shift: x in the low 32 bits, y in the high 32 bits
     * @param count how many points, at least 0
     */
    long countLatticeInside(long shift, long first, long count);

    /** How many points one loop turn handles side by side: 1 for a scalar loop, the lanes of a vector. */
    default int lanes() {
        return 1;
    }

    /**
     * What sets this loop apart from another of the same {@link #name()}, in a few words for the reason of a
     * kernel choice, such as {@code carry bits}; empty for a loop that has no such twin.
     */
    default String variant() {
        return "";
    }
}
