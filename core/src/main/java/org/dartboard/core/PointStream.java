package org.dartboard.core;

/**
 * The one random sequence of a run: point {@code k} of the run with master seed {@code S} is the 64-bit
 * word {@code mix64(S + (k + 1) * GAMMA)}.
 *
 * <p>This is SplitMix64 applied to a counter (Steele, Lea and Flood, "Fast splittable pseudorandom
 * number generators", OOPSLA 2014), with Stafford's "Mix13" finaliser. It is exactly the k-th
 * {@code nextLong()} of {@code new java.util.SplittableRandom(S)}, so the JDK itself is the test oracle.
 * Because a point depends only on its index, any range of points can be counted anywhere, in any
 * order, in any chunking, and the count of a run depends only on the seed and the total number of
 * points. Index arithmetic is modulo 2<sup>64</sup>, like the generator's own state.
 */
final class PointStream {

    /** The SplitMix64 increment: the odd integer closest to 2<sup>64</sup>/φ. */
    static final long GAMMA = 0x9E3779B97F4A7C15L;

    private PointStream() {
    }

    /** The random word of point {@code index} in the stream of {@code seed}. */
    static long word(long seed, long index) {
        return mix64(seed + (index + 1) * GAMMA);
    }

    /** Stafford's Mix13 finaliser, as in {@code java.util.SplittableRandom.mix64}. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
