package org.dartboard.core;

/**
 * How a vector loop counts the lanes of a vector whose darts are inside: three ways to the same exact count,
 * whose speed depends on the JIT and the CPU. {@link Kernel} races them and keeps the fastest.
 *
 * <p>All decide "inside" by the exact integer test of {@link QuarterCircle}: the 64-bit sum x² + y² does
 * not carry out of bit 63. They differ only in how they find that bit and what they do with it.
 */
enum LaneCounting {

    /**
     * An unsigned compare into a mask, and the mask's count of set lanes: one compare where the JIT keeps
     * masks in the CPU's mask registers (JDK 25 with AVX-512: {@code vpcmpuq}, {@code kmov}, {@code popcnt}),
     * but several instructions per vector where it turns every mask into a vector and back (JDK 17).
     */
    MASKS("masks"),

    /**
     * No mask at all: each lane's carry bit, computed with logic operations, is shifted down and added to
     * a vector of counts that is summed once at the end of the call. Three vector operations per vector
     * with AVX-512, whose {@code vpternlogq} does the logic in one; eight with AVX2.
     */
    CARRY_BITS("carry bits"),

    /**
     * No mask and no logic: the top bit of ⌊x²/2⌋ + ⌊y²/2⌋, which is set exactly when x² + y² carries (the
     * test of {@link ScalarKernel}), shifted down and added up as the carry bits are. Four vector
     * operations per vector on every CPU: the fewest where there is no three-input logic (AVX2, NEON).
     */
    HALF_SUMS("half sums");

    private final String words;

    LaneCounting(String words) {
        this.words = words;
    }

    /** How the reason of a kernel choice names it, such as {@code carry bits}. */
    String words() {
        return words;
    }
}
