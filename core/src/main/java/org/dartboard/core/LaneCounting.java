package org.dartboard.core;

/**
 * How a vector loop counts the lanes of a vector whose darts are inside: two ways to the same exact count,
 * whose speed depends on the JIT. {@link Kernel} races both and keeps the faster one.
 *
 * <p>Both decide "inside" by the exact integer test of {@link QuarterCircle}: the 64-bit sum x² + y² does
 * not carry out of bit 63. They differ only in what they do with that bit.
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
     * whatever the JIT does with masks.
     */
    CARRY_BITS("carry bits");

    private final String words;

    LaneCounting(String words) {
        this.words = words;
    }

    /** How the reason of a kernel choice names it, such as {@code carry bits}. */
    String words() {
        return words;
    }
}
