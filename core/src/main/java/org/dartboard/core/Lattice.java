package org.dartboard.core;

/**
 * The points of lattice darts: a randomly shifted rank-1 lattice on the 2<sup>32</sup> × 2<sup>32</sup> grid.
 * Point i of replica r is (s<sub>x</sub> + i·A1, s<sub>y</sub> + i·A2) modulo 2<sup>32</sup>, where (A1, A2)
 * are the R2 sequence's generators (2<sup>32</sup>/ρ and 2<sup>32</sup>/ρ², ρ the plastic number, the real
 * root of ρ³ = ρ + 1: M. Roberts, "The unreasonable effectiveness of quasirandom sequences", 2018), each
 * rounded to the nearest odd number so that a replica's first 2<sup>32</sup> points are all different, and
 * (s<sub>x</sub>, s<sub>y</sub>) is the replica's random shift, drawn from the run's seed.
 *
 * <p>Evenly spread points converge faster than random ones; the random shift (Cranley and Patterson, 1976)
 * makes each point uniform on the grid, so every replica is an unbiased estimate of the same area as random
 * darts, and independent replicas give an honest error bar. The inside test is the random darts' exact one.
 */
final class Lattice {

    /** The first coordinate's step: the odd number nearest 2<sup>32</sup>/ρ = 3242174889.01. */
    static final long A1 = 3_242_174_889L;
    /** The second coordinate's step: the odd number nearest 2<sup>32</sup>/ρ² = 2447445413.78. */
    static final long A2 = 2_447_445_413L;
    /** After this many points a replica's lattice repeats itself: more would add no information. */
    static final long MAX_POINTS_PER_REPLICA = 1L << 32;

    private static final long LOW_32_BITS = 0xFFFF_FFFFL;
    /** Keeps the shifts' stream apart from the random darts' stream of the same seed ("lattice!"). */
    private static final long SHIFT_SALT = 0x6C61_7474_6963_6521L;

    private Lattice() {
    }

    /** Replica {@code replica}'s random shift: x in the low 32 bits, y in the high 32 bits. */
    static long shift(long seed, int replica) {
        return PointStream.mix64(PointStream.mix64(seed ^ SHIFT_SALT) + (replica + 1L) * PointStream.GAMMA);
    }

    /** Point {@code index} of the replica with this shift, as a word: x in the low 32 bits, y in the high. */
    static long word(long shift, long index) {
        long x = ((shift & LOW_32_BITS) + index * A1) & LOW_32_BITS;
        long y = ((shift >>> 32) + index * A2) & LOW_32_BITS;
        return y << 32 | x;
    }
}
