package org.dartboard.core;

/**
 * The exact "inside" test of one dart.
 *
 * <p>A word's low 32 bits are x and its high 32 bits are y: the point (x/2<sup>32</sup>, y/2<sup>32</sup>)
 * of the unit square. It is inside the quarter circle when x² + y² ≤ 2<sup>64</sup>. Both squares fit in
 * an unsigned 64-bit word, and x² + y² = 2<sup>64</sup> has no solution, so the test is the same as "the
 * 64-bit sum x² + y² does not carry", decided with integers only: no rounding at the boundary.
 */
final class QuarterCircle {

    private static final long LOW_32_BITS = 0xFFFF_FFFFL;

    private QuarterCircle() {
    }

    /** Whether the dart given by this random word lands inside the quarter circle. */
    static boolean contains(long word) {
        long x = word & LOW_32_BITS;
        long y = word >>> 32;
        long xx = x * x;
        long yy = y * y;
        // The sum carries out of 64 bits exactly when yy > ~xx, read as unsigned numbers.
        return Long.compareUnsigned(yy, ~xx) <= 0;
    }
}
